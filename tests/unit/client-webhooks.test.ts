/**
 * A webhook receiver's check (client/src/webhooks.ts, Web Crypto) accepts exactly what the API signs
 * (functions/core/webhookSignature.ts, node:crypto): a genuine delivery, also while a rolled secret's
 * predecessor signs beside it; and refuses a changed body, a wrong secret, a replay and a missing signature.
 */
import { describe, expect, it } from "vitest";
import { RegularsWebhookError, verifyWebhook, type WebhookEvent } from "../../client/src/index.js";
import { signatureHeader } from "../../functions/core/webhookSignature.js";
import { webhookBody } from "../../functions/core/webhooks.js";

const SECRET = "whsec_test_new_0123456789abcdef";
const OLD_SECRET = "whsec_test_old_fedcba9876543210";
const NOW = Date.parse("2026-06-01T08:00:00Z");
const T = NOW / 1000;

const body = webhookBody({
  id: "evt_01",
  type: "TierChanged",
  at: "2026-06-01T07:59:58.000Z",
  merchantId: "m1",
  detail: { memberId: "mem1", from: "regular", to: "silver", reason: "growth", note: "会员升级" },
});

/** The refusal's code, or "accepted". */
async function outcome(options: Parameters<typeof verifyWebhook>[0]): Promise<string> {
  try {
    await verifyWebhook(options);
    return "accepted";
  } catch (error) {
    expect(error).toBeInstanceOf(RegularsWebhookError);
    return (error as RegularsWebhookError).code;
  }
}

describe("verifying a webhook delivery", () => {
  it("accepts a genuine delivery and hands back its event", async () => {
    const event: WebhookEvent = await verifyWebhook({
      body,
      header: signatureHeader([SECRET], T, body),
      secret: SECRET,
      now: NOW,
    });
    expect(event).toEqual({
      id: "evt_01",
      type: "TierChanged",
      createdAt: "2026-06-01T07:59:58.000Z",
      merchantId: "m1",
      data: { memberId: "mem1", from: "regular", to: "silver", reason: "growth", note: "会员升级" },
    });
  });

  it("refuses a body changed after signing", async () => {
    const header = signatureHeader([SECRET], T, body);
    expect(await outcome({ body: body.replace("silver", "black"), header, secret: SECRET, now: NOW })).toBe(
      "BAD_SIGNATURE",
    );
    // Re-serialised JSON is another text: verify the raw body as received.
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(await outcome({ body: reserialised, header, secret: SECRET, now: NOW })).toBe("BAD_SIGNATURE");
  });

  it("refuses a delivery signed with another secret", async () => {
    const header = signatureHeader(["whsec_someone_else"], T, body);
    expect(await outcome({ body, header, secret: SECRET, now: NOW })).toBe("BAD_SIGNATURE");
  });

  it("refuses a delivery signed longer ago than the tolerance (a replay), and one from the far future", async () => {
    const old = signatureHeader([SECRET], T - 301, body);
    expect(await outcome({ body, header: old, secret: SECRET, now: NOW })).toBe("TIMESTAMP_TOO_OLD");
    expect(await outcome({ body, header: old, secret: SECRET, now: NOW, toleranceSeconds: 600 })).toBe("accepted");
    const edge = signatureHeader([SECRET], T - 300, body);
    expect(await outcome({ body, header: edge, secret: SECRET, now: new Date(NOW) })).toBe("accepted");
    const future = signatureHeader([SECRET], T + 3600, body);
    expect(await outcome({ body, header: future, secret: SECRET, now: NOW })).toBe("TIMESTAMP_TOO_OLD");
  });

  it("accepts either signature while a secret is rolled, with the new secret, the old one, or both", async () => {
    const header = signatureHeader([SECRET, OLD_SECRET], T, body);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(await outcome({ body, header, secret: SECRET, now: NOW })).toBe("accepted");
    expect(await outcome({ body, header, secret: OLD_SECRET, now: NOW })).toBe("accepted");
    expect(await outcome({ body, header, secret: ["whsec_unrelated", OLD_SECRET], now: NOW })).toBe("accepted");
    expect(await outcome({ body, header, secret: ["whsec_unrelated"], now: NOW })).toBe("BAD_SIGNATURE");
  });

  it("refuses a delivery without a signature", async () => {
    for (const header of [undefined, null, "", "   ", `t=${T}`, "v2=abc"])
      expect(await outcome({ body, header, secret: SECRET, now: NOW }), String(header)).toBe("NO_SIGNATURE");
    const valid = signatureHeader([SECRET], T, body);
    expect(await outcome({ body, header: valid.replace(/^t=\d+,/, ""), secret: SECRET, now: NOW })).toBe(
      "BAD_SIGNATURE",
    );
  });

  it("reads the header however it is spaced, with unknown schemes beside v1", async () => {
    const [t, v1] = signatureHeader([SECRET], T, body).split(",");
    const header = ` ${t} , v0=deadbeef, ${v1.toUpperCase().replace("V1=", "v1=")} `;
    expect(await outcome({ body, header, secret: SECRET, now: NOW })).toBe("accepted");
  });

  it("refuses a correctly signed body that is not an event", async () => {
    const notEvent = JSON.stringify({ hello: "world" });
    const header = signatureHeader([SECRET], T, notEvent);
    expect(await outcome({ body: notEvent, header, secret: SECRET, now: NOW })).toBe("BAD_PAYLOAD");
  });
});
