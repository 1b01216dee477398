/**
 * Verified webhook events on their way to the till's page: de-duplicated by event id (a delivery may come more
 * than once), described in Chinese, kept (the last few, for a page opened later) and pushed to every open page by
 * Server-Sent Events.
 */
import type { ServerResponse } from "node:http";
import type { WebhookEvent } from "../../client/src/index.js";

/** An event as the page shows it. */
export interface TillEvent {
  id: string;
  type: string;
  createdAt: string;
  memberId?: string;
  /** What happened, in Chinese, e.g. 会员升级: 普通会员 → 银卡. */
  text: string;
}

/** Tier names by id, from the lowest tier up. */
export type Tiers = { id: string; name: string }[];

const SEEN_KEPT = 1_000;
const RECENT_KEPT = 20;

const yuan = (value: unknown) => (typeof value === "number" ? `¥${(value / 100).toFixed(2)}` : "");

/** What an event says to a clerk; tiers name the ids a TierChanged carries. */
export function describe(event: WebhookEvent, tiers: Tiers): string {
  const data = event.data;
  switch (event.type) {
    case "TierChanged": {
      const from = tiers.findIndex((tier) => tier.id === data.from);
      const to = tiers.findIndex((tier) => tier.id === data.to);
      const name = (index: number, id: unknown) => tiers[index]?.name ?? String(id);
      const verb = data.reason === "manual" ? "等级调整" : to >= from ? "会员升级" : "会员降级";
      return `${verb}: ${name(from, data.from)} → ${name(to, data.to)}`;
    }
    case "PurchaseRecorded":
      return `消费 ${yuan(data.total)}${data.points ? `，积分 +${data.points}` : ""}`;
    case "PurchaseRefunded":
      return `退款 ${yuan(data.amount)}`;
    case "PointsEarned":
      return `获得积分 +${data.points}`;
    case "StoredValuePaid":
      return `储值支付 ${yuan(data.amount)}`;
    case "StoredValueToppedUp":
      return `储值充值 ${yuan(data.principal)}${data.bonus ? `，赠送 ${yuan(data.bonus)}` : ""}`;
    case "CouponRedeemed":
      return `使用优惠券，优惠 ${yuan(data.discount)}`;
    case "CouponIssued":
      return "获得一张优惠券";
    case "CheckedIn":
      return `签到，连续 ${data.streak} 天`;
    case "MemberJoined":
      return "新会员入会";
    case "WebhookTest":
      return "测试事件：签名验证通过";
    default:
      return event.type;
  }
}

export class EventFeed {
  readonly #seen = new Set<string>();
  readonly #recent: TillEvent[] = [];
  readonly #pages = new Set<ServerResponse>();

  /** True the first time an event id is offered; false for a repeated delivery. */
  firstTime(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    if (this.#seen.size > SEEN_KEPT) this.#seen.delete(this.#seen.values().next().value as string);
    return true;
  }

  publish(event: TillEvent): void {
    this.#recent.push(event);
    if (this.#recent.length > RECENT_KEPT) this.#recent.shift();
    for (const page of this.#pages) send(page, event);
  }

  /** Keep a page's GET /events open: the recent events first, then each new one, with a heartbeat. */
  subscribe(page: ServerResponse): void {
    page.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    page.write("retry: 2000\n\n");
    for (const event of this.#recent) send(page, event);
    this.#pages.add(page);
    const heartbeat = setInterval(() => page.write(": heartbeat\n\n"), 15_000);
    page.on("close", () => {
      clearInterval(heartbeat);
      this.#pages.delete(page);
    });
  }

  /** Close every open page's stream (the till is stopping). */
  close(): void {
    for (const page of this.#pages) page.end();
    this.#pages.clear();
  }
}

function send(page: ServerResponse, event: TillEvent): void {
  page.write(`id: ${event.id}\nevent: regulars\ndata: ${JSON.stringify(event)}\n\n`);
}
