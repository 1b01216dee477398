/**
 * POST /webhooks: check the signature against the raw body (401 when it fails, saying why but never the secret),
 * answer 200 at once, ignore an event already seen (deliveries are at least once), and show the rest on the page.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { RegularsWebhookError, verifyWebhook, type WebhookEvent } from "../../client/src/index.js";
import { describe, type EventFeed, type Tiers } from "./feed.js";
import { readBody, sendJson } from "./http.js";

export interface WebhookReceiver {
  secrets: string[];
  feed: EventFeed;
  tiers: () => Promise<Tiers>;
  log: (line: string) => void;
}

export async function receiveWebhook(
  request: IncomingMessage,
  response: ServerResponse,
  { secrets, feed, tiers, log }: WebhookReceiver,
): Promise<void> {
  if (secrets.length === 0) {
    log("webhook refused: no webhook secret is configured (REGULARS_WEBHOOK_SECRET)");
    return sendJson(response, 503, { error: "NOT_CONFIGURED" });
  }
  const body = await readBody(request);
  const header = [request.headers["regulars-signature"]].flat()[0];
  let event: WebhookEvent;
  try {
    event = await verifyWebhook({ body, header, secret: secrets });
  } catch (error) {
    if (!(error instanceof RegularsWebhookError)) throw error;
    log(`webhook refused: ${error.code} (${error.message})`);
    return sendJson(response, 401, { error: error.code });
  }
  if (!feed.firstTime(event.id)) return sendJson(response, 200, { received: true, duplicate: true });
  sendJson(response, 200, { received: true });
  // After the answer: the sender waits for nothing the page needs.
  const memberId = typeof event.data.memberId === "string" ? event.data.memberId : undefined;
  const text = describe(event, await tiers());
  feed.publish({ id: event.id, type: event.type, createdAt: event.createdAt, memberId, text });
  log(`webhook ${event.type} ${event.id}: ${text}`);
}
