// The example till's page: plain JavaScript, no build step. It talks only to the till's own server (/api/…),
// which holds the API key; amounts are shown in yuan and sent in fen.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { member: null, quote: null, pending: null };

const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;

/** "68", "68.5" or "68.50" yuan as fen; NaN for anything else. */
function toFen(text) {
  const value = String(text).trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(value)) return NaN;
  const [whole, part = ""] = value.split(".");
  return Number(whole) * 100 + Number(part.padEnd(2, "0"));
}

/** A random id for a sale: the same for every attempt to take that sale (its idempotency key). */
function newSaleId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `till-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

async function api(path, body) {
  const response = await fetch(path, {
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({ error: { message: "收银台没有回应" } }));
  if (!response.ok) throw Object.assign(new Error(answer.error?.message ?? "操作失败"), answer.error ?? {});
  return answer;
}

function showError(id, error) {
  const element = $(id);
  element.hidden = !error;
  element.textContent = error ? `${error.message}${error.detail ? `（${error.detail}）` : ""}` : "";
}

async function lookUp(event) {
  event.preventDefault();
  showError("lookup-error", null);
  const text = $("lookup").value.trim();
  const byPhone = /^\+?[\d\s-]{11,}$/.test(text);
  try {
    const member = await api(`/api/member?${byPhone ? "phone" : "code"}=${encodeURIComponent(text)}`);
    showMember(member);
    startSale();
  } catch (error) {
    state.member = null;
    $("member").hidden = true;
    $("checkout").hidden = true;
    showError("lookup-error", error);
  }
}

function showMember(member) {
  state.member = member;
  $("member").hidden = false;
  $("member-name").textContent = member.name;
  $("member-phone").textContent = `${member.phoneMasked} · ${member.memberCode}`;
  $("member-tier").textContent = member.tierName;
  $("member-points").textContent = String(member.points);
  $("member-balance").textContent = yuan(member.storedValue);
  const list = $("coupons");
  list.replaceChildren();
  for (const coupon of member.coupons) {
    const item = document.createElement("li");
    const label = document.createElement("label");
    const box = Object.assign(document.createElement("input"), { type: "checkbox", value: coupon.code });
    box.dataset.testid = `coupon-${coupon.code}`;
    box.addEventListener("change", () => clearQuote());
    label.append(
      box,
      ` ${coupon.name} `,
      Object.assign(document.createElement("span"), {
        className: "muted",
        textContent: `${coupon.displayCode}，${coupon.validUntil.slice(0, 10)} 到期`,
      }),
    );
    item.append(label);
    list.append(item);
  }
  if (member.coupons.length === 0) list.append(Object.assign(document.createElement("li"), { textContent: "暂无" }));
}

function startSale() {
  state.pending = null;
  $("checkout").hidden = false;
  $("result").hidden = true;
  $("amount").value = "";
  clearQuote();
}

function clearQuote() {
  state.quote = null;
  $("quote").hidden = true;
  showError("checkout-error", null);
}

const chosenCoupons = () => Array.from(document.querySelectorAll("#coupons input:checked"), (box) => box.value);

async function quote(event) {
  event.preventDefault();
  clearQuote();
  const amount = toFen($("amount").value);
  if (!(amount > 0)) return showError("checkout-error", { message: "请输入消费金额，例如 68.00" });
  try {
    const couponCodes = chosenCoupons();
    const result = await api("/api/quote", { memberId: state.member.id, amount, couponCodes });
    state.quote = { amount, couponCodes, result };
    $("quote").hidden = false;
    $("quote-subtotal").textContent = yuan(result.subtotal);
    $("quote-discount").textContent = yuan(result.discount);
    $("quote-total").textContent = yuan(result.total);
    $("quote-rejected").replaceChildren(
      ...result.rejected.map((r) =>
        Object.assign(document.createElement("li"), { textContent: `${r.code}：${r.message}` }),
      ),
    );
    $("stored-value").value = (Math.min(state.member.storedValue, result.total) / 100).toFixed(2);
    $("pay").disabled = result.rejected.length > 0;
  } catch (error) {
    showError("checkout-error", error);
  }
}

async function pay() {
  const { quote: current, member } = state;
  if (!current) return;
  const storedValueAmount = toFen($("stored-value").value || "0");
  if (Number.isNaN(storedValueAmount)) return showError("checkout-error", { message: "储值支付金额不对" });
  const sale = {
    memberId: member.id,
    amount: current.amount,
    couponCodes: current.couponCodes,
    total: current.result.total,
    storedValueAmount,
    paymentMethod: $("method").value,
  };
  // The same sale keeps its id however often the button is pressed; a changed sale is a new one.
  const signature = JSON.stringify(sale);
  if (state.pending?.signature !== signature) state.pending = { signature, saleId: newSaleId() };
  $("pay").disabled = true;
  showError("checkout-error", null);
  try {
    const result = await api("/api/sale", { ...sale, saleId: state.pending.saleId });
    showResult(result);
  } catch (error) {
    showError("checkout-error", error);
  } finally {
    $("pay").disabled = false;
  }
}

function showResult({ order, account, created }) {
  state.pending = null;
  $("checkout").hidden = true;
  $("result").hidden = false;
  const parts = [
    `订单 ${order.id}`,
    `实付 ${yuan(order.total)}`,
    order.discount ? `优惠 ${yuan(order.discount)}` : "",
    order.storedValueAmount ? `储值支付 ${yuan(order.storedValueAmount)}` : "",
    `积分 +${order.points}`,
    `储值余额 ${yuan(account.storedValuePrincipal + account.storedValueBonus)}`,
    created ? "" : "（重复提交，未重复扣款）",
  ];
  $("result-text").textContent = parts.filter(Boolean).join("，");
  refreshMember();
}

async function refreshMember() {
  if (!state.member) return;
  try {
    showMember(await api(`/api/member?code=${encodeURIComponent(state.member.memberCode)}`));
  } catch {
    // The result stays on screen; the card refreshes at the next look-up.
  }
}

function listenForEvents() {
  const source = new EventSource("/events");
  source.addEventListener("open", () => {
    $("live").textContent = "实时通知：已连接";
    $("live").dataset.state = "open";
  });
  source.addEventListener("error", () => {
    $("live").textContent = "实时通知：重新连接中…";
    $("live").dataset.state = "retrying";
  });
  source.addEventListener("regulars", (message) => {
    const event = JSON.parse(message.data);
    const item = document.createElement("li");
    item.dataset.eventId = event.id;
    item.dataset.type = event.type;
    const who = state.member && state.member.id === event.memberId ? `${state.member.name}：` : "";
    const time = new Date(event.createdAt).toLocaleTimeString("zh-CN");
    item.textContent = `${who}${event.text}`;
    item.append(Object.assign(document.createElement("span"), { className: "muted", textContent: ` ${time}` }));
    $("events").prepend(item);
  });
}

async function showTill() {
  try {
    const info = await api("/api/till");
    $("store").textContent = `门店：${info.store.name}`;
    if (!info.webhooks) $("live").textContent = "实时通知：未配置 webhook 密钥";
  } catch (error) {
    $("store").textContent = `连不上会员系统：${error.message}`;
  }
}

$("lookup-form").addEventListener("submit", lookUp);
$("quote-form").addEventListener("submit", quote);
$("pay").addEventListener("click", pay);
$("next").addEventListener("click", () => {
  $("lookup").value = "";
  $("result").hidden = true;
  $("lookup").focus();
});
showTill();
listenForEvents();
