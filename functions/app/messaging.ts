/**
 * SMS: deciding to send (consent, quiet hours, the monthly cap — as outbox
 * items for the caller's transaction) and sending what is due (the
 * dispatcher), with retries for failures and opt-outs honoured at once.
 */
import type { SmsSender } from "../adapters/sms/port.js";
import { SmsOptedOutError, SmsUncertainError } from "../adapters/sms/port.js";
import { requireStaff, storeScope, type Caller, type MerchantCaller } from "../core/access.js";
import { effectiveSignature, mayReceive, render, sendableAt, smsParts } from "../core/messaging/sms.js";
import type { SmsKind, SmsRules } from "../core/messaging/sms.js";
import { ValidationError } from "../core/errors.js";
import type { DomainEvent, Merchant, Page, Recipient } from "../core/model.js";
import { partitions } from "../data/partitions.js";
import { queryPage } from "../data/query.js";
import { localDate } from "../core/time.js";
import { pageSize } from "../core/validate.js";
import type { Write } from "../data/transaction.js";
import { getMember as readMember } from "../data/members.js";
import * as repo from "../data/messages.js";
import type { Deps } from "./deps.js";
import { setMarketingConsent } from "./members.js";

export interface SmsRequest {
  merchant: Pick<Merchant, "id" | "name" | "timeZone">;
  /** The member, or a copy of its contact (see MemberContact). */
  member: Recipient;
  rules: SmsRules;
  kind: SmsKind;
  purpose: string;
  body: string;
  variables: Record<string, string | number>;
}

export type SmsSkipReason = "ERASED" | "NO_CONSENT" | "OPTED_OUT" | "NO_PHONE" | "NO_SIGNATURE";
export type SmsDecision = { message: repo.OutboxMessage; items: Write[] } | { skipped: SmsSkipReason };

/**
 * The outbox items for one message, or why none is sent: no marketing SMS is
 * queued without a signature. The cap is checked by the transaction (label cap).
 */
export function prepareSms(deps: Deps, request: SmsRequest): SmsDecision {
  const allowed = mayReceive(request.member, request.kind);
  if (!allowed.ok) return { skipped: allowed.reason };
  if (!request.member.phone) return { skipped: "NO_PHONE" };
  const signature = effectiveSignature(request.rules, request.merchant.name);
  if (!signature && request.kind === "marketing") return { skipped: "NO_SIGNATURE" };
  const now = deps.clock.now();
  const sendAfter = request.kind === "marketing" ? sendableAt(now, request.merchant.timeZone, request.rules) : now;
  const text = render(
    request.body,
    { name: request.member.name, merchant: request.merchant.name, ...request.variables },
    request.kind,
    signature,
  );
  const message: repo.OutboxMessage = {
    id: deps.ids.id(),
    merchantId: request.merchant.id,
    memberId: request.member.id,
    storeId: request.member.homeStoreId,
    phone: request.member.phone,
    text,
    kind: request.kind,
    parts: smsParts(text),
    purpose: request.purpose,
    status: "queued",
    attempts: 0,
    sendAfter,
    createdAt: now,
  };
  const cap =
    request.kind === "marketing"
      ? { month: localDate(sendAfter, request.merchant.timeZone).slice(0, 7), limit: request.rules.monthlyCap }
      : undefined;
  return { message, items: repo.enqueueItems(deps.db, message, cap) };
}

/** Failed sends are tried again after 1, 2, 4, 8 minutes; the fifth failure is final. */
export const MAX_ATTEMPTS = 5;

export interface DispatchResult {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /**
   * Of the failed: sends without an answer, which may have reached the phone (never retried; operators are alerted).
   */
  uncertain: number;
}

/**
 * Send a merchant's due messages. A message is claimed before it is sent, so
 * two dispatchers never send one message twice; consent is checked again at
 * send time; an opt-out reported by the provider withdraws the member's consent.
 */
export async function dispatchDue(deps: Deps, sender: SmsSender, merchantId: string): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retried: 0, failed: 0, skipped: 0, uncertain: 0 };
  for (;;) {
    const now = deps.clock.now();
    const due = await repo.listDue(deps.db, merchantId, now, 50);
    if (!due.length) return result;
    let progressed = false;
    for (const message of due) {
      if (!(await repo.claim(deps.db, message))) continue;
      progressed = true;
      const member = await readMember(deps.db, merchantId, message.memberId);
      const allowed = member ? mayReceive(member, message.kind) : ({ ok: false, reason: "ERASED" } as const);
      if (!allowed.ok) {
        await repo.settle(deps.db, message, { status: "skipped", error: allowed.reason });
        result.skipped++;
        continue;
      }
      let sent: { providerId: string };
      try {
        sent = await sender.send({
          phone: message.phone,
          text: message.text,
          kind: message.kind,
          messageId: message.id,
        });
      } catch (error) {
        if (error instanceof SmsOptedOutError) {
          await repo.settle(deps.db, message, { status: "skipped", error: "OPTED_OUT" });
          await setMarketingConsent(deps, systemCaller(merchantId), message.memberId, {
            granted: false,
            channel: "online",
            source: "sms_opt_out",
          });
          result.skipped++;
        } else if (error instanceof SmsUncertainError || message.attempts + 1 >= MAX_ATTEMPTS) {
          // An unanswered send may have reached the phone: failed for good (at most once), the reason in the outbox.
          const text = String((error as Error).message ?? error);
          const reason = `${error instanceof SmsUncertainError ? "UNCERTAIN: " : ""}${text}`;
          await repo.settle(deps.db, message, { status: "failed", error: reason.slice(0, 200) });
          result.failed++;
          if (error instanceof SmsUncertainError) result.uncertain++;
        } else {
          const sendAfter = new Date(Date.parse(deps.clock.now()) + 60_000 * 2 ** message.attempts).toISOString();
          await repo.settle(deps.db, message, {
            status: "queued",
            sendAfter,
            error: String((error as Error).message ?? error).slice(0, 200),
          });
          result.retried++;
        }
        continue;
      }
      // Outside the try: a failure to record a send that happened must not queue the message again.
      // It stays "sending" (never re-sent) and the run fails, to be seen in the logs.
      await repo.settle(deps.db, message, { status: "sent", at: deps.clock.now(), providerId: sent.providerId });
      result.sent++;
    }
    if (!progressed) return result;
  }
}

/** The platform itself acting inside a merchant (jobs, the SMS provider's opt-out). */
export function systemCaller(merchantId: string, name = "system"): MerchantCaller {
  return { kind: "apiKey", merchantId, keyId: `system:${name}`, name };
}

/** Owner or manager: the outbox, newest first. */
export async function listMessages(
  deps: Deps,
  caller: Caller,
  first?: number | null,
  after?: string | null,
): Promise<Page<repo.OutboxMessage>> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  return repo.listMessages(deps.db, staff.merchantId, storeScope(staff), pageSize(first), after);
}

/** Owner: the outbox of domain events for one UTC day, in time order. */
export async function listEvents(
  deps: Deps,
  caller: Caller,
  date: string,
  first?: number | null,
  after?: string | null,
) {
  const owner = requireStaff(caller, ["owner"]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? "")) throw new ValidationError("date", "date must be YYYY-MM-DD (UTC)");
  return queryPage<DomainEvent>(deps.db, {
    ...partitions.eventsOfDay(owner.merchantId, date),
    limit: pageSize(first),
    cursor: after,
  });
}
