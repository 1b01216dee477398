/** A webhook receiver on loopback for tests: records every request and answers what the test says. */
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";

export interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The status to answer from now on; "hang" answers nothing (the sender's timeout ends it). */
  answer(status: number | "hang"): void;
  stop(): Promise<void>;
}

export async function startReceiver(path = "/hooks"): Promise<Receiver> {
  const received: Received[] = [];
  let status: number | "hang" = 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      if (status === "hang") return;
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "receiver is down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    answer: (next) => {
      status = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Wait until `check` holds, polling; fails with `what` after `ms` (a generous bound, not a timing assertion). */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Whether a Regulars-Signature header (t=…,v1=…[,v1=…]) holds an HMAC-SHA256 of `{t}.{body}` keyed by `secret`,
 * with t within 5 minutes of now: the check a receiver makes, written here apart from the client's own.
 */
export function signedWith(header: unknown, body: string, secret: string): boolean {
  const parts = String(header ?? "")
    .split(",")
    .map((part) => part.split("=", 2));
  const t = Number(parts.find(([name]) => name === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return parts.some(([name, value]) => name === "v1" && value === expected);
}
