/**
 * The direct side of the HTTP comparison: a local HTTP server whose every POST
 * runs one replay of the operation being measured (the body is the call's
 * number) and answers "ok", so autocannon drives it exactly as it drives the
 * GraphQL server: the same HTTP hop, the same load generator.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "../local/http-event.js";

export { graphqlEvent as apiGatewayEvent } from "../local/http-event.js";

export interface ReplayServer {
  url: string;
  /** The replay each request runs from now on (resolves to its failures, 0 when it did what it should). */
  serve(replay: (k: number) => Promise<number>): void;
  stop(): Promise<void>;
}

export async function startReplayServer(): Promise<ReplayServer> {
  let current: (k: number) => Promise<number> = async () => 1;
  const server = createServer(async (request, response) => {
    const k = Number((await readBody(request)).toString("utf8"));
    const failures = await current(k).catch(() => 1);
    response.writeHead(failures ? 500 : 200, { "content-type": "text/plain" });
    response.end(failures ? "failed" : "ok");
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    serve: (replay) => (current = replay),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
