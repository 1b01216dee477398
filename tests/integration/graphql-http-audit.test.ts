/** The GraphQL-over-HTTP spec audit (graphql-http) against the running local server: every MUST passes. */
import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const audits = serverAudits({ url: () => server.graphqlUrl, fetchFn: fetch });

describe("GraphQL over HTTP audit", () => {
  it("has MUST audits to run", () => {
    expect(audits.filter((audit) => audit.name.startsWith("MUST")).length).toBeGreaterThanOrEqual(10);
  });

  for (const audit of audits.filter((candidate) => candidate.name.startsWith("MUST"))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, "reason" in result ? result.reason : "").toBe("ok");
    });
  }
});
