/**
 * A real local server for one test file: the Lambda handler over DynamoDB
 * Local, with a table of its own, the local token issuer, and optionally the console.
 */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { ensureTable } from "../../scripts/local/dynamodb.js";
import { startLocalServer } from "../../scripts/local/server.js";
import { generateIssuerKey, type IssuerKey } from "../../functions/adapters/identity/local.js";
import { createDb, withSend, type Db } from "../../functions/data/db.js";
import { ensureOperator, type Login } from "../../scripts/local/seed.js";

export interface TestServer {
  url: string;
  graphqlUrl: string;
  db: Db;
  tableName: string;
  operator: Login;
  /** The local token issuer's signing key (for tests that make their own tokens). */
  issuerKey: IssuerKey;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: {
    staticDir?: string;
    wrapDb?: (db: Db) => Db;
    /** The DynamoDB to make the table in; by default the one the test run started (global-setup.ts). */
    dynamodbEndpoint?: string;
  } = {},
): Promise<TestServer> {
  const endpoint = options.dynamodbEndpoint ?? inject("dynamodbEndpoint");
  const tableName = `test_${randomBytes(6).toString("hex")}`;
  await ensureTable(endpoint, tableName);
  const issuerKey = await generateIssuerKey();
  const server = await startLocalServer({
    port: 0,
    dynamodbEndpoint: endpoint,
    tableName,
    staticDir: options.staticDir,
    issuerKey,
    wrapDb: options.wrapDb,
  });
  const db = createDb({ endpoint, tableName });
  const operator = await ensureOperator(db, `Op-${randomBytes(6).toString("hex")}9`);
  return { url: server.url, graphqlUrl: server.graphqlUrl, db, tableName, operator, issuerKey, stop: server.stop };
}

/** Counts the handler's DynamoDB write requests: pass `wrapDb` to startTestServer, read `count` after a call. */
export function writeCounter() {
  const counter = {
    count: 0,
    wrapDb: (db: Db) =>
      withSend(db, (command, send) => {
        if (/^(Put|Update|Delete|TransactWrite|BatchWrite)(Item)?Command$/.test(command.constructor.name))
          counter.count++;
        return send();
      }),
  };
  return counter;
}
