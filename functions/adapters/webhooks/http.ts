/**
 * Webhook POSTs over node:http(s). In production the address every connection goes to is checked as it is resolved
 * (a name that resolves to a private address is refused then, so a DNS answer cannot turn a public name private
 * after registration); redirects are not followed.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isPrivateAddress } from "../../core/webhooks.js";
import type { WebhookAnswer, WebhookRequest, WebhookSender } from "./port.js";

/** The most of an answer read (the attempt keeps an excerpt of it). */
const READ_AT_MOST = 4096;

/** dns.lookup, refusing private addresses. */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as LookupAddress[];
    const refused = list.find((entry) => isPrivateAddress(entry.address));
    if (refused || !list.length)
      return callback(new Error(`${hostname} resolves to a private address (${refused?.address ?? "none"})`), "", 4);
    if ((options as LookupOptions).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

function post(request: WebhookRequest, production: boolean): Promise<WebhookAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(request.url);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Omit<WebhookAnswer, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, latencyMs: elapsed() });
    };
    const outgoing = send(
      url,
      {
        method: "POST",
        headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) },
        ...(production ? { lookup: publicLookup } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < READ_AT_MOST) chunks.push(chunk);
          size += chunk.length;
          if (size >= READ_AT_MOST) response.destroy();
        });
        const done = () => finish({ status: response.statusCode, text: Buffer.concat(chunks).toString("utf8") });
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ text: `no answer within ${request.timeoutMs} ms` });
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on("error", (error) => finish({ text: error.message }));
    outgoing.end(request.body);
  });
}

/** `timeoutMs`: a shorter wait for an answer than the request's (tests of timeouts). */
export function httpWebhookSender(options: { production: boolean; timeoutMs?: number }): WebhookSender {
  return {
    production: options.production,
    post: (request) =>
      post({ ...request, timeoutMs: Math.min(request.timeoutMs, options.timeoutMs ?? Infinity) }, options.production),
  };
}
