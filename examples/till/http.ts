/** The few HTTP helpers the example till needs (node:http, no framework). */
import type { IncomingMessage, ServerResponse } from "node:http";

/** A request body over this many bytes is refused (413). */
export const MAX_BODY_BYTES = 1_000_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The raw body as text, exactly as received (webhook signatures are over these bytes). */
export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "PAYLOAD_TOO_LARGE", "请求太大");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A JSON object body, or a 400. */
export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Answered below.
  }
  throw new HttpError(400, "BAD_REQUEST", "请求格式不对");
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response
    .writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
    .end(JSON.stringify(body));
}

/** A whole number of fen in [min, max], or a 400 naming the field. */
export function fen(value: unknown, field: string, min = 0, max = 100_000_000): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw new HttpError(400, "BAD_USER_INPUT", `${field} 必须是 ${min}–${max} 分之间的整数`, field);
  return value;
}

/** A short id-like string (letters, digits, . _ : -), or a 400 naming the field. */
export function token(value: unknown, field: string): string {
  if (typeof value !== "string" || !/^[A-Za-z0-9._:-]{1,64}$/.test(value))
    throw new HttpError(400, "BAD_USER_INPUT", `${field} 格式不对`, field);
  return value;
}

/** Up to 10 coupon codes. */
export function couponCodes(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 10)
    throw new HttpError(400, "BAD_USER_INPUT", "优惠券太多", "couponCodes");
  return value.map((code) => token(typeof code === "string" ? code.replace(/[\s-]/g, "") : code, "couponCodes"));
}
