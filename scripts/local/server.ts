/**
 * The local server: the very GraphQL Lambda handler behind an HTTP adapter,
 * the local token issuer (Cognito's stand-in) and the built console.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { generateIssuerKey, localIssuer, type IssuerKey } from "../../functions/adapters/identity/local.js";
import type { GraphqlHandler, HandlerOptions } from "../../functions/api.js";
import { createDb } from "../../functions/data/db.js";
import { BodyTooLarge, lambdaContext, readBody, toEvent, writeResult } from "./http-event.js";

export const CONSOLE_AUDIENCE = "regulars-console";

export interface LocalServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  dynamodbEndpoint: string;
  tableName: string;
  /** The built console (admin/dist); omitted → no console. */
  staticDir?: string;
  issuerKey?: IssuerKey;
  /** Passed to the handler: tests count or fail its DynamoDB requests. */
  wrapDb?: HandlerOptions["wrapDb"];
}

export interface LocalServer {
  url: string;
  graphqlUrl: string;
  port: number;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

function json(response: ServerResponse, status: number, body: unknown) {
  response
    .writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
    .end(JSON.stringify(body));
}

/** Text files gzipped once per version of the file (the console's assets never change under one name). */
const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();

function gzippedFile(file: string): Buffer {
  const { mtimeMs } = statSync(file);
  const cached = gzipped.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.body;
  const body = gzipSync(readFileSync(file));
  gzipped.set(file, { mtimeMs, body });
  return body;
}

/** A console file, gzipped for a browser that takes it as CloudFront does (console-hosting.ts: compress). */
function serveStatic(staticDir: string, request: IncomingMessage, path: string, response: ServerResponse) {
  const safe = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, "");
  let file = join(staticDir, safe);
  if (!file.startsWith(staticDir) || !existsSync(file) || statSync(file).isDirectory())
    file = join(staticDir, "index.html");
  if (!existsSync(file)) return json(response, 404, { message: "The console is not built; run npm run build:admin" });
  const type = TYPES[extname(file)] ?? "application/octet-stream";
  const cache = file.endsWith("index.html") ? "no-cache" : "public, max-age=31536000, immutable";
  const headers = { "content-type": type, "cache-control": cache, vary: "accept-encoding" };
  if (/^text\/|json|svg/.test(type) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? "")))
    return response.writeHead(200, { ...headers, "content-encoding": "gzip" }).end(gzippedFile(file));
  response.writeHead(200, headers).end(readFileSync(file));
}

/** What a request is answered from: the GraphQL handler, the token issuer, the built console. */
interface Routes {
  handler: GraphqlHandler;
  issuer: Awaited<ReturnType<typeof localIssuer>>;
  staticDir: string | undefined;
}

/** Answers one request: GraphQL, the issuer's keys and sign-in, the console's config.json and its files. */
async function route(request: IncomingMessage, response: ServerResponse, { handler, issuer, staticDir }: Routes) {
  const path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (path === "/graphql") {
    const event = toEvent(request, await readBody(request));
    const result = await handler(event, lambdaContext(event.requestContext.requestId));
    return writeResult(response, result);
  }
  if (path === "/auth/.well-known/jwks.json") return json(response, 200, issuer.jwks());
  if (path === "/auth/login" && request.method === "POST") {
    const body = JSON.parse((await readBody(request)).toString("utf8") || "{}");
    const signedIn =
      typeof body.username === "string" && typeof body.password === "string"
        ? await issuer.signIn(body.username, body.password)
        : undefined;
    return signedIn ? json(response, 200, signedIn) : json(response, 401, { message: "Wrong username or password" });
  }
  if (path === "/config.json")
    return json(response, 200, { graphqlUrl: "/graphql", auth: { mode: "local", loginUrl: "/auth/login" } });
  if (staticDir && (request.method === "GET" || request.method === "HEAD"))
    return serveStatic(staticDir, request, path, response);
  json(response, 404, { message: "Not found" });
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const db = createDb({ endpoint: options.dynamodbEndpoint, tableName: options.tableName });
  const key = options.issuerKey ?? (await generateIssuerKey());
  let handler: GraphqlHandler | undefined;
  let issuer: Awaited<ReturnType<typeof localIssuer>> | undefined;
  let ready: Promise<void> = Promise.resolve();

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    try {
      await ready;
      await route(request, response, { handler: handler!, issuer: issuer!, staticDir: options.staticDir });
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return json(response, 413, { message: "Request body is larger than the 6 MB Lambda limit" });
      if (error instanceof SyntaxError) return json(response, 400, { message: "Request body is not valid JSON" });
      console.error(error);
      if (!response.headersSent) json(response, 500, { message: "Internal error" });
    }
  });

  // Idle connections stay open longer than clients keep them (fetch: 4 s), so a client never sends on a socket the
  // server is closing at that moment (on a busy machine that race surfaced as "other side closed").
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const url = `http://localhost:${port}`;
  const issuerUrl = `${url}/auth`;
  ready = (async () => {
    // The handler reads its configuration from an environment, exactly as in Lambda:
    // this server's own, so that several servers in one process each have theirs.
    const env = {
      ...process.env,
      TABLE_NAME: options.tableName,
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      JWT_ISSUER: issuerUrl,
      JWT_AUDIENCE: CONSOLE_AUDIENCE,
      JWKS_URL: `http://127.0.0.1:${port}/auth/.well-known/jwks.json`,
      USER_POOL_ID: undefined,
    };
    issuer = await localIssuer(db, { issuer: issuerUrl, audience: CONSOLE_AUDIENCE, key });
    handler = (await import("../../functions/api.js")).createGraphqlHandler(env, { wrapDb: options.wrapDb });
  })();
  await ready;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
