/**
 * The till's work, through the client (the API key stays on this server): look a member up, quote a basket,
 * take the sale. A sale is one recordPurchase whose orderId is the page's sale id: sent twice (a double click, a
 * retry after a lost answer) it is recorded and charged once.
 */
import { RegularsError, type RegularsClient } from "../../client/src/index.js";
import { couponCodes, fen, HttpError, token } from "./http.js";

type Member = NonNullable<Awaited<ReturnType<RegularsClient["memberByPhone"]>>>;

/** A member as the page shows it: no full phone, only the coupons usable now. */
export function memberView(member: Member) {
  return {
    id: member.id,
    name: member.name,
    phoneMasked: member.phoneMasked,
    memberCode: member.memberCode,
    tierName: member.account.tierName,
    points: member.account.available,
    storedValue: member.storedValue.total,
    coupons: member.coupons.nodes
      .filter((coupon) => coupon.state === "issued")
      .map(({ code, displayCode, name, kind, validUntil }) => ({ code, displayCode, name, kind, validUntil })),
  };
}

/** The basket of a sale by amount (输入消费金额): one amount line. */
const amountLine = (amount: number) => ({
  kind: "amount" as const,
  sku: "AMOUNT",
  name: "消费金额",
  qty: 1,
  unitPrice: amount,
});

export class Till {
  /** Sales being sent now, by sale id: a second request for one waits for the first instead of sending again. */
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(
    readonly client: RegularsClient,
    readonly storeId: () => Promise<string>,
  ) {}

  async lookUp(query: URLSearchParams) {
    const phone = query.get("phone")?.trim();
    const code = query.get("code")?.trim();
    if (!phone && !code) throw new HttpError(400, "BAD_USER_INPUT", "请输入手机号或会员码", "phone");
    const member = phone ? await this.client.memberByPhone(phone) : await this.client.memberByCode(code!);
    if (!member) throw new HttpError(404, "NOT_FOUND", "未找到会员");
    return memberView(member);
  }

  async quote(body: Record<string, unknown>) {
    const amount = fen(body.amount, "amount", 1);
    const basket = {
      memberId: token(body.memberId, "memberId"),
      storeId: await this.storeId(),
      lines: [amountLine(amount)],
      couponCodes: couponCodes(body.couponCodes),
    };
    return this.client.quoteCheckout(basket);
  }

  async sale(body: Record<string, unknown>) {
    const saleId = token(body.saleId, "saleId");
    const running = this.#inFlight.get(saleId);
    if (running) return running;
    const sending = this.#record(saleId, body).finally(() => this.#inFlight.delete(saleId));
    this.#inFlight.set(saleId, sending);
    return sending;
  }

  async #record(saleId: string, body: Record<string, unknown>) {
    const amount = fen(body.amount, "amount", 1);
    const total = fen(body.total, "total", 0, amount);
    const storedValueAmount = fen(body.storedValueAmount ?? 0, "storedValueAmount", 0, total);
    const method = typeof body.paymentMethod === "string" ? body.paymentMethod : "cash";
    if (!["wechat", "alipay", "cash", "card"].includes(method))
      throw new HttpError(400, "BAD_USER_INPUT", "付款方式不对", "paymentMethod");
    const result = await this.client.recordPurchase({
      orderId: saleId,
      memberId: token(body.memberId, "memberId"),
      storeId: await this.storeId(),
      lines: [amountLine(amount)],
      couponCodes: couponCodes(body.couponCodes),
      total,
      storedValueAmount,
      // The rest of the total is paid by the method chosen; all of it from stored value is a stored-value sale.
      paymentMethod: storedValueAmount > 0 && storedValueAmount === total ? "stored_value" : method,
    });
    return { created: result.created, order: result.order, account: result.account };
  }
}

/** The page's words for an API refusal, by code. */
const MESSAGES: Record<string, string> = {
  INSUFFICIENT_BALANCE: "储值余额不足",
  COUPON_REJECTED: "优惠券不可用",
  CONFLICT: "这笔交易与之前的记录不一致，请重新开始",
  NOT_FOUND: "未找到",
  RATE_LIMITED: "请求太频繁，请稍后再试",
  UNAUTHENTICATED: "收银台的 API 密钥无效",
  FORBIDDEN: "收银台的 API 密钥无权这样做",
  NETWORK_ERROR: "连不上会员系统，请稍后再试",
};

/** An error as the page gets it: status, code, field and a Chinese message (the API's words too). */
export function errorAnswer(error: unknown): { status: number; body: { error: Record<string, unknown> } } {
  if (error instanceof HttpError)
    return { status: error.status, body: { error: { code: error.code, field: error.field, message: error.message } } };
  if (error instanceof RegularsError) {
    const status = error.code === "NETWORK_ERROR" || error.status >= 500 ? 502 : error.code === "NOT_FOUND" ? 404 : 400;
    const message = MESSAGES[error.code] ?? (error.code === "BAD_USER_INPUT" ? "输入有误" : "操作失败");
    return { status, body: { error: { code: error.code, field: error.field, message, detail: error.message } } };
  }
  return { status: 500, body: { error: { code: "INTERNAL", message: "收银台出错了" } } };
}
