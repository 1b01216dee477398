/**
 * The end-of-year checks: what the system stored and sent, compared with the
 * simulator's model and with itself (ledgers against balances, counters
 * against items). Every check names what it compared and how many; a failed
 * check lists its first mismatches.
 */
import type { Deps } from "../../functions/app/deps.js";
import { dashboard, liabilityReport } from "../../functions/app/stats.js";
import { pointsOutstanding } from "../../functions/core/stats.js";
import type { MemberAccount, LedgerEntry } from "../../functions/core/points/account.js";
import type { Coupon } from "../../functions/core/coupons/templates.js";
import { addDays, localDate } from "../../functions/core/time.js";
import { listMemberCoupons } from "../../functions/data/coupons.js";
import { batchGet, withoutKeys, type Db } from "../../functions/data/db.js";
import { keys } from "../../functions/data/keys.js";
import { listLedger } from "../../functions/data/loyalty.js";
import { listMessages, type OutboxMessage } from "../../functions/data/messages.js";
import { collectPages } from "../../functions/data/query.js";
import { listSvLedger, type SvEntry } from "../../functions/data/storedValue.js";
import { MerchantModel, type ModelMember } from "./model.js";
import { localInstant, type MerchantRun } from "./year.js";

export interface Check {
  name: string;
  ok: boolean;
  /** What was compared, e.g. "4,812 messages". */
  detail: string;
  mismatches?: string[];
}

export interface MerchantFacts {
  merchantId: string;
  timeZone: string;
  members: number;
  orders: number;
  revenue: number;
  refunded: number;
  messages: { sent: number; skipped: number; queued: number; byPurpose: Record<string, number> };
  couponsIssued: Record<string, number>;
  actions: Record<string, number>;
}

const minutesOf = (instant: string, timeZone: string) => {
  const [h, m] = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(new Date(instant))
    .split(":")
    .map(Number);
  return h * 60 + m;
};
const hm = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));

function inQuietHours(instant: string, timeZone: string, start: string, end: string) {
  const now = minutesOf(instant, timeZone);
  return hm(start) < hm(end) ? now >= hm(start) && now < hm(end) : now >= hm(start) || now < hm(end);
}

async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await task(items[i]);
    }),
  );
  return out;
}

function check(name: string, detail: string, mismatches: string[]): Check {
  return {
    name,
    ok: mismatches.length === 0,
    detail,
    ...(mismatches.length
      ? {
          mismatches: mismatches
            .slice(0, 12)
            .concat(mismatches.length > 12 ? [`… ${mismatches.length - 12} more`] : []),
        }
      : {}),
  };
}

/** Multiset difference of two lists of keys. */
function diffKeys(expected: string[], actual: string[]): string[] {
  const count = new Map<string, number>();
  for (const key of expected) count.set(key, (count.get(key) ?? 0) + 1);
  for (const key of actual) count.set(key, (count.get(key) ?? 0) - 1);
  return [...count].filter(([, n]) => n !== 0).map(([key, n]) => (n > 0 ? `missing ${key}` : `unexpected ${key}`));
}

/** What the checks read once: the run, its members, and the merchant's outbox (all of it, and what was sent). */
interface Seen {
  run: MerchantRun;
  members: ModelMember[];
  byId: Map<string, ModelMember>;
  outbox: OutboxMessage[];
  sent: OutboxMessage[];
}

/** The model's expected messages of some purposes, sent (or with another status). */
const expectedOf = ({ run }: Seen, purpose: (p: string) => boolean, status = "sent") =>
  run.model.expected.filter((m) => purpose(m.purpose) && m.status === status);

/** A figure a report gives, against the one expected: a problem when they differ. */
function expectEqual(problems: string[], what: string, got: number, want: number) {
  if (got !== want) problems.push(`${what}: report ${got}, expected ${want}`);
}

/** The outbox holds every message the model expects, and no other. */
function outboxCheck({ run, outbox }: Seen): Check {
  const { model, timeZone } = run;
  const key = (m: { memberId: string; purpose: string; day: string; status: string }) =>
    `${m.memberId} ${m.purpose} ${m.day} ${m.status}`;
  const actual = outbox.map((m) =>
    key({ memberId: m.memberId, purpose: m.purpose, day: localDate(m.createdAt, timeZone), status: m.status }),
  );
  return check(
    "outbox = model: every message the model expects (member, purpose, local day, sent/skipped), and no other",
    `${model.expected.length} expected, ${outbox.length} in the outbox`,
    diffKeys(model.expected.map(key), actual),
  );
}

/** Birthdays: each eligible one greeted once, on the member's local birthday (29 Feb → 28 Feb in other years). */
function birthdayCheck(seen: Seen): Check {
  const { run, members, byId, sent } = seen;
  const birthdayProblems: string[] = [];
  const greeted = new Map<string, OutboxMessage[]>();
  for (const m of sent.filter((m) => m.purpose === "birthday"))
    greeted.set(m.memberId, [...(greeted.get(m.memberId) ?? []), m]);
  for (const [memberId, list] of greeted) {
    const member = byId.get(memberId)!;
    const day = localDate(list[0].sentAt!, run.timeZone);
    const born = `${String(member.birthday?.month).padStart(2, "0")}-${String(member.birthday?.day).padStart(2, "0")}`;
    const year = Number(day.slice(0, 4));
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (list.length > 1) birthdayProblems.push(`${memberId} greeted ${list.length} times`);
    if (!(day.slice(5) === born || (born === "02-29" && day.slice(5) === "02-28" && !leap)))
      birthdayProblems.push(`${memberId} born ${born} greeted on ${day}`);
  }
  const eligibleBirthdays = expectedOf(seen, (p) => p === "birthday");
  for (const e of eligibleBirthdays)
    if (!greeted.has(e.memberId)) birthdayProblems.push(`${e.memberId} eligible on ${e.day} not greeted`);
  const leapBorn = members.filter((m) => m.birthday?.month === 2 && m.birthday.day === 29).length;
  return check(
    "every eligible birthday greeted exactly once on the member's local day",
    `${eligibleBirthdays.length} eligible, ${greeted.size} greeted; ` +
      `${run.model.birthdayActed} birthdays acted on (coupon), ${leapBorn} members born 29 ` +
      `Feb`,
    birthdayProblems,
  );
}

/** Wake-ups: each step once per lapse (a step's message on the day last visit + N). */
function wakeUpCheck(seen: Seen): Check {
  const { run, sent } = seen;
  const wakeProblems: string[] = [];
  const wakeSent = sent.filter((m) => m.purpose.startsWith("wakeup:"));
  const seenWake = new Set<string>();
  for (const m of wakeSent) {
    const id = `${m.memberId} ${m.purpose} ${addDays(localDate(m.sentAt!, run.timeZone), -Number(m.purpose.slice(7)))}`;
    if (seenWake.has(id)) wakeProblems.push(`twice: ${id}`);
    seenWake.add(id);
  }
  for (const e of expectedOf(seen, (p) => p.startsWith("wakeup:")))
    if (!seenWake.has(`${e.memberId} ${e.purpose} ${e.lapse}`))
      wakeProblems.push(`missing: ${e.memberId} ${e.purpose} lapse ${e.lapse}`);
  return check(
    "every wake-up step sent exactly once per lapse",
    `${wakeSent.length} wake-up SMS sent for ` +
      `${expectedOf(seen, (p) => p.startsWith("wakeup:")).length} expected; ${run.model.wakeActed} ` +
      `step actions (coupon or SMS)`,
    wakeProblems,
  );
}

/** Consent and opt-out at the moment of sending. */
function consentCheck({ members, byId, outbox, sent }: Seen): Check {
  const consentProblems: string[] = [];
  for (const m of sent) {
    const member = byId.get(m.memberId)!;
    if (!MerchantModel.consentAt(member, m.sentAt!))
      consentProblems.push(`${m.memberId} ${m.purpose} sent ${m.sentAt} without consent`);
    if (member.carrierOptedOutAt && member.carrierOptedOutAt <= m.sentAt!)
      consentProblems.push(
        `${m.memberId} ${m.purpose} sent ${m.sentAt} to a number opted out at ${member.carrierOptedOutAt}`,
      );
    if (m.kind !== "marketing") consentProblems.push(`${m.id} is ${m.kind}`);
  }
  const optedOut = members.filter((m) => m.carrierOptedOut);
  const withdrawn = outbox.filter((m) => m.status === "skipped" && m.error === "OPTED_OUT").length;
  return check(
    "no marketing SMS without consent or to a number opted out at the carrier",
    `${sent.length} sent; ${optedOut.length} numbers opted out at the carrier ` +
      `(${withdrawn} messages refused there, consent withdrawn), ` +
      `${members.reduce((n, m) => n + m.consentHistory.length - 1, 0)} consent changes`,
    consentProblems,
  );
}

/** Nothing sent in the merchant's quiet hours. */
function quietHoursCheck({ run, outbox, sent }: Seen): Check {
  const { timeZone } = run;
  const s = run.model.settings;
  const quiet = sent
    .filter((m) => inQuietHours(m.sentAt!, timeZone, s.quietStart, s.quietEnd))
    .map((m) => `${m.id} sent ${m.sentAt} (local ${minutesOf(m.sentAt!, timeZone)} min)`);
  const deferred = outbox.filter((m) => m.sendAfter > m.createdAt).length;
  return check(
    `no SMS sent in quiet hours (${s.quietStart}–${s.quietEnd} ${timeZone})`,
    `${sent.length} sent, ${deferred} deferred past quiet hours`,
    quiet,
  );
}

/** No member sent more marketing SMS in a local month than the cap. */
function monthlyCapCheck({ run, outbox }: Seen): Check {
  const s = run.model.settings;
  const perMonth = new Map<string, number>();
  for (const m of outbox.filter((m) => m.kind === "marketing" && m.status !== "skipped")) {
    const k = `${m.memberId} ${localDate(m.sentAt ?? m.sendAfter, run.timeZone).slice(0, 7)}`;
    perMonth.set(k, (perMonth.get(k) ?? 0) + 1);
  }
  const over = [...perMonth].filter(([, n]) => n > s.monthlyCap).map(([k, n]) => `${k}: ${n}`);
  const atCap = [...perMonth.values()].filter((n) => n === s.monthlyCap).length;
  return check(
    `monthly cap (${s.monthlyCap}) never exceeded per member`,
    `${perMonth.size} member-months with SMS, ${atCap} at the cap`,
    over,
  );
}

/** Every member's points ledger, stored-value ledger and coupon wallet, against the account and the model. */
async function ledgerChecks(
  db: Db,
  { run, members }: Seen,
  accounts: Map<string, MemberAccount>,
  concurrency: number,
): Promise<Check[]> {
  const { model, merchantId } = run;
  const ledgerProblems: string[] = [];
  const svProblems: string[] = [];
  const couponProblems: string[] = [];
  let ledgerEntries = 0;
  let svEntries = 0;
  let walletCoupons = 0;
  await pool(members, concurrency, async (member) => {
    const [ledger, svLedger, coupons] = await Promise.all([
      collectPages((cursor) => listLedger(db, merchantId, member.id, 100, cursor)) as Promise<LedgerEntry[]>,
      collectPages((cursor) => listSvLedger(db, merchantId, member.id, 100, cursor)) as Promise<SvEntry[]>,
      collectPages((cursor) => listMemberCoupons(db, merchantId, member.id, 100, cursor)) as Promise<Coupon[]>,
    ]);
    ledgerEntries += ledger.length;
    svEntries += svLedger.length;
    walletCoupons += coupons.length;
    const account = accounts.get(member.id);
    ledgerProblems.push(...pointsProblems(member.id, account, ledger));
    svProblems.push(...storedValueProblems(member, account, svLedger));
    const mismatch = couponMismatch(run, member, coupons);
    if (mismatch.length) couponProblems.push(`${member.id}: ${mismatch.join(", ")}`);
  });
  return [
    check(
      "points: every ledger sums to its wallet, to the point",
      `${members.length} members, ${accounts.size} accounts, ${ledgerEntries} ledger entries`,
      ledgerProblems,
    ),
    check(
      "stored value: every SV ledger sums to its lots (principal and bonus apart) and to the model, to the fen",
      `${svEntries} SV entries, ${model.topUps} top-ups`,
      svProblems,
    ),
    check(
      "coupons: every member holds exactly the coupons the model issued (by template, open or used)",
      `${walletCoupons} coupons in wallets, ` +
        `${Object.values(model.couponsIssued).reduce((a, b) => a + b, 0)} in the model`,
      couponProblems,
    ),
  ];
}

/** A member's points ledger sums to the points outstanding on the account. */
function pointsProblems(memberId: string, account: MemberAccount | undefined, ledger: LedgerEntry[]): string[] {
  const outstanding = account ? pointsOutstanding(account) : 0;
  const fromLedger = ledger.reduce((sum, e) => sum + e.points + (e.shortfall ?? 0), 0);
  return fromLedger !== outstanding ? [`${memberId}: ledger ${fromLedger} ≠ wallet ${outstanding}`] : [];
}

/** A member's stored-value ledger sums to the open lots (principal and bonus apart), which sum to the model's. */
function storedValueProblems(member: ModelMember, account: MemberAccount | undefined, svLedger: SvEntry[]): string[] {
  const problems: string[] = [];
  const lots = account?.storedValue?.lots.filter((lot) => lot.status === "open") ?? [];
  const principal = lots.reduce((sum, lot) => sum + lot.principalLeft, 0);
  const bonus = lots.reduce((sum, lot) => sum + lot.bonusLeft, 0);
  const svPrincipal = svLedger.reduce((sum, e) => sum + e.principal, 0);
  const svBonus = svLedger.reduce((sum, e) => sum + e.bonus, 0);
  if (svPrincipal !== principal || svBonus !== bonus)
    problems.push(`${member.id}: SV ledger ${svPrincipal}+${svBonus} ≠ lots ${principal}+${bonus}`);
  if (principal + bonus !== member.storedValue)
    problems.push(`${member.id}: SV ${principal + bonus} ≠ model ${member.storedValue}`);
  return problems;
}

/** The coupons a member holds against those the model issued them, by template, open or redeemed. */
function couponMismatch(run: MerchantRun, member: ModelMember, coupons: Coupon[]): string[] {
  const theirs = (c: { status: string }, template: string) =>
    `${template}:${c.status === "redeemed" ? "redeemed" : "open"}`;
  const templateName = (id: string) => Object.entries(run.templates).find(([, t]) => t === id)?.[0] ?? id;
  return diffKeys(
    member.coupons.map((c) => theirs(c, c.template)).sort(),
    coupons.map((c) => theirs(c, templateName(c.templateId))).sort(),
  );
}

/** What the reports should say at the end: points outstanding, stored value (model and lots), open coupons. */
function endTotals({ run, members }: Seen, accounts: Map<string, MemberAccount>, endAt: string) {
  const sumPoints = [...accounts.values()].reduce((sum, a) => sum + pointsOutstanding(a), 0);
  const svModel = members.reduce((sum, m) => sum + m.storedValue, 0);
  const svLots = [...accounts.values()]
    .flatMap((a) => a.storedValue?.lots ?? [])
    .filter((lot) => lot.status === "open");
  const svPrincipal = svLots.reduce((sum, lot) => sum + lot.principalLeft, 0);
  const svBonus = svLots.reduce((sum, lot) => sum + lot.bonusLeft, 0);
  const open = run.model.openCoupons(endAt);
  const openValue = open.reduce((sum, c) => sum + c.amountOff, 0);
  return { sumPoints, svModel, svPrincipal, svBonus, open, openValue };
}

type EndTotals = ReturnType<typeof endTotals>;

/** The liability report against the accounts and the model. */
async function liabilityCheck(deps: Deps, run: MerchantRun, totals: EndTotals): Promise<Check> {
  const { sumPoints, svModel, svPrincipal, svBonus, open, openValue } = totals;
  const liability = await liabilityReport(deps, run.owner);
  const liabilityProblems: string[] = [];
  expectEqual(liabilityProblems, "points", liability.points, sumPoints);
  expectEqual(liabilityProblems, "stored value principal", liability.storedValuePrincipal, svPrincipal);
  expectEqual(liabilityProblems, "stored value bonus", liability.storedValueBonus, svBonus);
  expectEqual(
    liabilityProblems,
    "stored value total vs model",
    liability.storedValuePrincipal + liability.storedValueBonus,
    svModel,
  );
  expectEqual(liabilityProblems, "open coupons", liability.couponsOpen, open.length);
  expectEqual(liabilityProblems, "open coupons' value", liability.couponsOpenValue, openValue);
  return check(
    "liability report = accounts and model (points, stored value, open coupons)",
    `points ${sumPoints}, stored value ${svPrincipal} + ${svBonus} fen, ` +
      `${open.length} open coupons worth ${openValue} fen`,
    liabilityProblems,
  );
}

/** The dashboard over the last 365 days against the model and the accounts. */
async function dashboardCheck(deps: Deps, { run, members }: Seen, totals: EndTotals): Promise<Check> {
  const { model } = run;
  const { sumPoints, svPrincipal, svBonus, open } = totals;
  const from = addDays(run.end, -365);
  const board = await dashboard(deps, run.owner, { from, to: run.end });
  const t = board.totals;
  const boardProblems: string[] = [];
  const expect = (what: string, got: number, want: number) => expectEqual(boardProblems, what, got, want);
  expect("members", t.members, members.length);
  expect(
    "joined",
    board.days.reduce((sum, day) => sum + day.joined, 0),
    members.filter((m) => m.joinDay >= from).length,
  );
  expect("orders", t.orders, model.orders);
  expect("revenue", t.revenue, model.revenue);
  expect("refunded", t.refunded, model.refunded);
  expect("points outstanding", t.pointsOutstanding, sumPoints);
  expect(
    "points issued − redeemed − expired − reversed",
    t.pointsIssued - t.pointsRedeemed - t.pointsExpired - t.pointsReversed,
    sumPoints,
  );
  expect("stored value principal", t.storedValuePrincipal, svPrincipal);
  expect("stored value bonus", t.storedValueBonus, svBonus);
  expect(
    "coupons issued",
    t.couponsIssued,
    Object.values(model.couponsIssued).reduce((a, b) => a + b, 0),
  );
  expect("coupons redeemed (net of restored)", t.couponsRedeemed, model.couponsRedeemed);
  expect("open coupons", t.couponsOpen, open.length);
  const tiers = board.tiers.reduce((sum, tier) => sum + tier.members, 0);
  expect("tier mix adds up to members", tiers, members.length);
  return check(
    "dashboard over the year = model and accounts (members, orders, revenue, refunds, points, stored value, coupons)",
    `${t.orders} orders, revenue ${t.revenue} fen, refunded ${t.refunded} fen, ${t.members} members`,
    boardProblems,
  );
}

/** The merchant's year in figures, for the report. */
function merchantFacts({ run, members, outbox, sent }: Seen): MerchantFacts {
  const { model } = run;
  const byPurpose: Record<string, number> = {};
  for (const m of sent) byPurpose[m.purpose] = (byPurpose[m.purpose] ?? 0) + 1;
  return {
    merchantId: run.merchantId,
    timeZone: run.timeZone,
    members: members.length,
    orders: model.orders,
    revenue: model.revenue,
    refunded: model.refunded,
    messages: {
      sent: sent.length,
      skipped: outbox.filter((m) => m.status === "skipped").length,
      queued: outbox.filter((m) => m.status === "queued").length,
      byPurpose,
    },
    couponsIssued: { ...model.couponsIssued },
    actions: run.actions,
  };
}

export async function checkMerchant(
  deps: Deps,
  run: MerchantRun,
  concurrency = 16,
): Promise<{ checks: Check[]; facts: MerchantFacts }> {
  const { model, timeZone, merchantId } = run;
  const db: Db = deps.db;
  const checks: Check[] = [];
  const members = [...model.members.values()];

  checks.push(
    check(
      "every simulated action succeeded",
      `${Object.values(run.actions).reduce((a, b) => a + b, 0)} actions`,
      run.errors,
    ),
  );

  // ------------------------------------------------------------ messages
  const outbox = (await collectPages((cursor) =>
    listMessages(db, merchantId, undefined, 100, cursor),
  )) as OutboxMessage[];
  const sent = outbox.filter((m) => m.status === "sent");
  const seen: Seen = { run, members, byId: new Map(members.map((m) => [m.id, m])), outbox, sent };
  checks.push(outboxCheck(seen), birthdayCheck(seen), wakeUpCheck(seen), consentCheck(seen));
  checks.push(quietHoursCheck(seen), monthlyCapCheck(seen));

  // ------------------------------------------------------------ ledgers
  const accounts = new Map(
    (
      await batchGet(
        db,
        members.map((m) => keys.account(merchantId, m.id)),
      )
    ).map((item) => [item.memberId as string, withoutKeys<MemberAccount>(item)]),
  );
  checks.push(...(await ledgerChecks(db, seen, accounts, concurrency)));

  // ------------------------------------------------------------ reports
  const endAt = localInstant(run.end, "21:00", timeZone);
  const d = { ...deps, clock: { now: () => endAt } };
  const totals = endTotals(seen, accounts, endAt);
  checks.push(await liabilityCheck(d, run, totals));
  checks.push(await dashboardCheck(d, seen, totals));
  return { checks, facts: merchantFacts(seen) };
}
