/** The webhook sender services use: the one they were given, or plain HTTP with private addresses allowed. */
import { httpWebhookSender } from "../../adapters/webhooks/http.js";
import type { WebhookSender } from "../../adapters/webhooks/port.js";
import type { Deps } from "../deps.js";

let local: WebhookSender | undefined;

export function webhookSender(deps: Pick<Deps, "webhooks">): WebhookSender {
  return deps.webhooks ?? (local ??= httpWebhookSender({ production: false }));
}
