/**
 * An example till (收银台) on the Regulars API: a small web POS whose page talks only to this server, which holds
 * the API key and calls the API through @regulars/client; and a webhook receiver whose verified events reach the
 * page by Server-Sent Events.
 *
 *     REGULARS_GRAPHQL_URL=http://localhost:4000/graphql REGULARS_API_KEY=rk_… REGULARS_WEBHOOK_SECRET=whsec_… \
 *       npx tsx examples/till/server.ts
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RegularsClient } from "../../client/src/index.js";
import { EventFeed, type Tiers } from "./feed.js";
import { readJson, sendJson } from "./http.js";
import { errorAnswer, Till } from "./sales.js";
import { receiveWebhook } from "./webhooks.js";

export interface ExampleTillOptions {
  /** 0 picks a free port. */
  port: number;
  /** The interface to listen on; 127.0.0.1 by default. */
  host?: string;
  graphqlUrl: string;
  /** The storefront API key: used by this server only, never sent to the page. */
  apiKey: string;
  /** The webhook endpoint's signing secret (several while one is rolled); without one, POST /webhooks is refused. */
  webhookSecret?: string | string[];
  /** The store sales are recorded at; by default the key's own store, else its first open one. */
  storeId?: string;
  log?: (line: string) => void;
}

export interface ExampleTill {
  url: string;
  stop(): Promise<void>;
}

const PAGES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/till.js": { file: "till.js", type: "text/javascript; charset=utf-8" },
};

/** The page may load only its own script and talk only to this server. */
const PAGE_HEADERS = {
  "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
};

export async function startExampleTill(options: ExampleTillOptions): Promise<ExampleTill> {
  const log = options.log ?? ((line: string) => console.log(line));
  const client = new RegularsClient({ url: options.graphqlUrl, apiKey: options.apiKey });
  const storeId = once(async () => options.storeId ?? (await firstOpenStore(client)));
  const till = new Till(client, storeId);
  const feed = new EventFeed();
  const tiers = cachedTiers(client);
  const secrets = [options.webhookSecret ?? []].flat().filter(Boolean);
  const route = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const key = `${request.method} ${url.pathname}`;
    if (request.method === "GET" && PAGES[url.pathname]) return servePage(response, PAGES[url.pathname]);
    if (key === "GET /events") return feed.subscribe(response);
    if (key === "POST /webhooks") return receiveWebhook(request, response, { secrets, feed, tiers, log });
    if (key === "GET /api/till") return sendJson(response, 200, await tillInfo(client, storeId, secrets.length > 0));
    if (key === "GET /api/member") return sendJson(response, 200, await till.lookUp(url.searchParams));
    if (key === "POST /api/quote") return sendJson(response, 200, await till.quote(await readJson(request)));
    if (key === "POST /api/sale") return sendJson(response, 200, await till.sale(await readJson(request)));
    sendJson(response, 404, { error: { code: "NOT_FOUND", message: "没有这个页面" } });
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://till.local");
    route(request, response, url).catch((error: unknown) => {
      const answer = errorAnswer(error);
      if (answer.status >= 500) log(`till: ${url.pathname} failed: ${(error as Error).message}`);
      if (!response.headersSent) sendJson(response, answer.status, answer.body);
      else response.end();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    stop: async () => {
      feed.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function servePage(response: ServerResponse, page: { file: string; type: string }): void {
  const body = readFileSync(join(import.meta.dirname, page.file));
  response.writeHead(200, { ...PAGE_HEADERS, "content-type": page.type }).end(body);
}

/** A value computed on first use and kept; a failure is forgotten, so the next use tries again. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

async function firstOpenStore(client: RegularsClient): Promise<string> {
  const store = (await client.stores()).find((candidate) => candidate.status === "open");
  if (!store) throw new Error("The API key sees no open store: pass storeId (TILL_STORE_ID)");
  return store.id;
}

async function tillInfo(client: RegularsClient, storeId: () => Promise<string>, webhooks: boolean) {
  const id = await storeId();
  const store = (await client.stores()).find((candidate) => candidate.id === id);
  return { store: { id, name: store?.name ?? id }, webhooks };
}

/** The tier ladder, read once a minute at most (events name tiers by id). */
function cachedTiers(client: RegularsClient): () => Promise<Tiers> {
  let read: { at: number; tiers: Promise<Tiers> } | undefined;
  return () => {
    if (!read || Date.now() - read.at > 60_000) read = { at: Date.now(), tiers: client.tiers().catch(() => []) };
    return read.tiers;
  };
}

/** Run from the command line: the settings from the environment. */
async function main() {
  const { REGULARS_GRAPHQL_URL, REGULARS_API_KEY, REGULARS_WEBHOOK_SECRET, TILL_PORT, TILL_HOST, TILL_STORE_ID } =
    process.env;
  if (!REGULARS_API_KEY) {
    console.error("Set REGULARS_API_KEY (a storefront API key; npm start prints the demo's) and run again.");
    process.exit(1);
  }
  if (!REGULARS_WEBHOOK_SECRET) console.warn("REGULARS_WEBHOOK_SECRET is not set: webhooks will be refused.");
  const till = await startExampleTill({
    port: Number(TILL_PORT ?? 4100),
    host: TILL_HOST,
    graphqlUrl: REGULARS_GRAPHQL_URL ?? "http://localhost:4000/graphql",
    apiKey: REGULARS_API_KEY,
    webhookSecret: REGULARS_WEBHOOK_SECRET?.split(",").map((secret) => secret.trim()),
    storeId: TILL_STORE_ID,
  });
  console.log(`收银台 (example till): ${till.url}  webhooks: ${till.url}/webhooks`);
  const stop = () => void till.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
