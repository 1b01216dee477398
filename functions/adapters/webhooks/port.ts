/** How a webhook delivery reaches its endpoint: one POST, its answer or what went wrong. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface WebhookAnswer {
  /** The HTTP status; undefined when none came. */
  status?: number;
  /** The start of the answer's body, or what went wrong. */
  text: string;
  latencyMs: number;
}

export interface WebhookSender {
  /** True in production: private, loopback and link-local addresses are refused, at registration and on sending. */
  production: boolean;
  post(request: WebhookRequest): Promise<WebhookAnswer>;
}
