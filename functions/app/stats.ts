/**
 * The dashboard (数据看板) and the liability report, from the counters every
 * change leaves (data/stats.ts) and the daily roll-up; never from a scan of
 * members. Also a storefront's anonymous orders, counted for the member vs
 * non-member comparison.
 */
import { requireMerchant, requireStaff, assertStoreWritable, storeScope, type Caller } from "../core/access.js";
import { ConflictError, NotFoundError, ValidationError } from "../core/errors.js";
import type { Store } from "../core/model.js";
import { DEFAULT_LADDER } from "../core/points/tiers.js";
import {
  addTo,
  CHAIN,
  lapsedCouponDelta,
  rollDay,
  STAGES,
  sumCounters,
  UNASSIGNED,
  type Counters,
  type StoreCounters,
} from "../core/stats.js";
import { toCsv } from "../core/csv.js";
import { addDays, localDate } from "../core/time.js";
import { requiredText } from "../core/validate.js";
import { commit } from "../data/transaction.js";
import { couponsExpiringOn, getTemplates } from "../data/coupons.js";
import { anonymousOrderPut, getAnonymousOrder } from "../data/anonymousOrders.js";
import { getLoyaltyConfig } from "../data/loyalty.js";
import { getMerchant } from "../data/merchants.js";
import { collectPages } from "../data/query.js";
import * as repo from "../data/stats.js";
import { getStore, listStores } from "../data/stores.js";
import type { Deps } from "./deps.js";
import { campaignResults, listCampaigns } from "./campaigns.js";
import { assertSameRequest, fingerprint, requestKey } from "./movement.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RANGE_DAYS = 366;

function days(from: string, to: string): string[] {
  const list: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) list.push(day);
  return list;
}

/**
 * Open coupons counted on a day they lapsed (by `until`, for today): the
 * roll-up of that day takes them away (one Query on the expiry calendar).
 */
async function lapsedOn(deps: Deps, merchantId: string, day: string, until?: string): Promise<StoreCounters> {
  const delta: StoreCounters = new Map();
  for (const coupon of await couponsExpiringOn(deps.db, merchantId, day, { until }))
    for (const [storeId, counters] of lapsedCouponDelta(coupon)) addTo(delta, storeId, counters);
  return delta;
}

/**
 * Walk days forward from the gauges of the day before: each day's counters,
 * less the coupons that lapsed that day (for days before `today`; on `today`
 * itself those lapsed by `now`, when given), per store and for the chain.
 */
async function rollForward(
  deps: Deps,
  merchantId: string,
  start: Map<string, Counters>,
  span: string[],
  live: Map<string, StoreCounters>,
  today: string,
  now?: string,
): Promise<repo.DayFigures[]> {
  const gauges = new Map(start);
  const figures: repo.DayFigures[] = [];
  for (const day of span) {
    const delta: StoreCounters = new Map(live.get(day) ?? []);
    const couponsIssued = Object.keys(sumCounters(delta.values())).some((name) => name.startsWith("f.couponsIssued."));
    const lapsing = day < today || (day === today && now);
    if (lapsing && ((gauges.get(CHAIN)?.["g.couponsOpen"] ?? 0) > 0 || couponsIssued)) {
      for (const [storeId, counters] of await lapsedOn(deps, merchantId, day, day === today ? now : undefined))
        addTo(delta, storeId, counters);
    }
    const stores = new Set([...gauges.keys(), ...delta.keys()].filter((storeId) => storeId !== CHAIN));
    for (const storeId of stores) {
      const rolled = rollDay(gauges.get(storeId) ?? {}, delta.get(storeId) ?? {});
      gauges.set(storeId, rolled.gauges);
      figures.push({ day, storeId, ...rolled });
    }
    const chain = rollDay(gauges.get(CHAIN) ?? {}, sumCounters(delta.values()));
    gauges.set(CHAIN, chain.gauges);
    figures.push({ day, storeId: CHAIN, ...chain });
  }
  return figures;
}

/** The gauges at the end of `day` for the given stores (and the chain), from its roll-ups: one BatchGetItem. */
async function gaugesAt(
  deps: Deps,
  merchantId: string,
  storeIds: string[],
  day: string | undefined,
): Promise<Map<string, Counters>> {
  if (!day) return new Map();
  return repo.dayGauges(deps.db, merchantId, [...new Set([...storeIds, CHAIN])], day);
}

/**
 * The daily roll-up (job "stats"): every day from the one after the last
 * rolled up to yesterday (local), one item per store and one for the chain.
 * Idempotent: a day computed again is the same day. Reads: one Query per
 * counter shard for the whole span, one Query per day with open coupons on
 * the expiry calendar, one BatchGetItem for the starting gauges.
 */
export async function rollUpStats(
  deps: Deps,
  merchantId: string,
  today: string,
): Promise<{ days: number; itemsWritten: number }> {
  const target = addDays(today, -1);
  const state = await repo.getRollupState(deps.db, merchantId);
  const from = state ? addDays(state.lastDay, 1) : await repo.firstLiveDay(deps.db, merchantId);
  if (!from || from > target) {
    if (!state) await repo.putRollupState(deps.db, merchantId, { lastDay: target, storeIds: [] });
    return { days: 0, itemsWritten: 0 };
  }
  const start = await gaugesAt(deps, merchantId, state?.storeIds ?? [], state?.lastDay);
  const live = await repo.liveCounters(deps.db, merchantId, from, target);
  const figures = await rollForward(deps, merchantId, start, days(from, target), live, today);
  await repo.putDayFigures(deps.db, merchantId, figures);
  const storeIds = [
    ...new Set([
      ...(state?.storeIds ?? []),
      ...figures.map((figure) => figure.storeId).filter((storeId) => storeId !== CHAIN),
    ]),
  ].sort();
  await repo.putRollupState(deps.db, merchantId, { lastDay: target, storeIds });
  return { days: days(from, target).length, itemsWritten: figures.length };
}

export interface DashboardScope {
  merchantId: string;
  timeZone: string;
  today: string;
  /** The store asked for, or undefined for everything the caller sees. */
  storeId?: string;
  /** Stores summed (undefined: the chain). */
  storeIds?: string[];
}

/** Owners see the chain or a store; managers a store of theirs or all of theirs together. */
async function scopeFor(deps: Deps, caller: Caller, storeId: string | null | undefined): Promise<DashboardScope> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const merchant = await getMerchant(deps.db, staff.merchantId);
  const timeZone = merchant?.timeZone ?? "Asia/Shanghai";
  const today = localDate(deps.clock.now(), timeZone);
  const scope = storeScope(staff);
  if (storeId) {
    const store = await getStore(deps.db, staff.merchantId, requiredText("storeId", storeId, 64));
    if (!store || (scope && !scope.includes(store.id))) throw new NotFoundError("Store", storeId);
    return { merchantId: staff.merchantId, timeZone, today, storeId: store.id, storeIds: [store.id] };
  }
  return { merchantId: staff.merchantId, timeZone, today, storeIds: scope };
}

/**
 * The days after the last roll-up (all days, before the first) up to `last`,
 * rolled forward from the last roll-up's gauges of `storeIds` and the chain.
 */
async function sinceRollup(
  deps: Deps,
  scope: DashboardScope,
  state: repo.RollupState | undefined,
  storeIds: string[],
  last: string,
) {
  const start = await gaugesAt(deps, scope.merchantId, storeIds, state?.lastDay);
  const first = state
    ? addDays(state.lastDay, 1)
    : ((await repo.firstLiveDay(deps.db, scope.merchantId)) ?? scope.today);
  const span = first <= last ? days(first, last) : [];
  const live = span.length
    ? await repo.liveCounters(deps.db, scope.merchantId, first, last)
    : new Map<string, StoreCounters>();
  return {
    start,
    figures: await rollForward(deps, scope.merchantId, start, span, live, scope.today, deps.clock.now()),
  };
}

/**
 * Figures for each day from `from` to `to` in the scope: roll-ups for days
 * rolled up, the live counters (rolled forward from the last roll-up) after.
 */
async function figuresFor(
  deps: Deps,
  scope: DashboardScope,
  from: string,
  to: string,
): Promise<{ day: string; flows: Counters; gauges: Counters }[]> {
  const state = await repo.getRollupState(deps.db, scope.merchantId);
  const parts = scope.storeIds ?? [CHAIN];
  const last = to < scope.today ? to : scope.today;
  const rolledTo = state && state.lastDay < last ? state.lastDay : last;
  const byDay = new Map<string, { flows: Counters[]; gauges: Counters[] }>();
  const add = (figure: { day: string; flows: Counters; gauges: Counters }) => {
    const entry = byDay.get(figure.day) ?? byDay.set(figure.day, { flows: [], gauges: [] }).get(figure.day)!;
    entry.flows.push(figure.flows);
    entry.gauges.push(figure.gauges);
  };
  if (state && from <= rolledTo)
    for (const figures of await Promise.all(
      parts.map((part) => repo.dayFigures(deps.db, scope.merchantId, part, from, rolledTo)),
    ))
      figures.forEach(add);
  if (!state || state.lastDay < last) {
    const { figures } = await sinceRollup(deps, scope, state, parts, last);
    for (const figure of figures) if (figure.day >= from && parts.includes(figure.storeId)) add(figure);
  }
  // A store with gauges has a figure every day from its first; days before it stand at nothing.
  const result: { day: string; flows: Counters; gauges: Counters }[] = [];
  let gauges: Counters = {};
  for (const day of days(from, last)) {
    const entry = byDay.get(day);
    if (entry) gauges = sumCounters(entry.gauges);
    result.push({ day, flows: entry ? sumCounters(entry.flows) : {}, gauges });
  }
  return result;
}

function parseRange(from: unknown, to: unknown, today: string): { from: string; to: string } {
  const start = requiredText("from", from, 10);
  const end = requiredText("to", to, 10);
  if (!DAY.test(start) || Number.isNaN(Date.parse(`${start}T00:00:00Z`)))
    throw new ValidationError("from", "from must be a date (YYYY-MM-DD)");
  if (!DAY.test(end) || Number.isNaN(Date.parse(`${end}T00:00:00Z`)))
    throw new ValidationError("to", "to must be a date (YYYY-MM-DD)");
  if (start > end) throw new ValidationError("from", "from must not be after to");
  if (days(start, end).length > MAX_RANGE_DAYS)
    throw new ValidationError("to", `A range covers at most ${MAX_RANGE_DAYS} days`);
  if (start > today) throw new ValidationError("from", `from is after today (${today}) in the merchant's time zone`);
  return { from: start, to: end };
}

const g = (gauges: Counters, name: string) => gauges[name] ?? 0;

/** Stage counts: accounts by stage, and members who never had an account movement count as new. */
function stageCounts(gauges: Counters) {
  const withoutAccount = Math.max(0, g(gauges, "g.members") - g(gauges, "g.accounts"));
  return STAGES.map((stage) => ({
    stage,
    members: g(gauges, `g.stage.${stage}`) + (stage === "new" ? withoutAccount : 0),
  }));
}

function dayView(day: string, flows: Counters, gauges: Counters) {
  const stages = stageCounts(gauges);
  const f = (name: string) => flows[name] ?? 0;
  const sumPrefix = (prefix: string) =>
    Object.entries(flows).reduce((sum, [name, value]) => (name.startsWith(prefix) ? sum + value : sum), 0);
  return {
    date: day,
    members: g(gauges, "g.members"),
    joined: f("f.joined"),
    stages,
    orders: f("f.orders"),
    revenue: f("f.revenue"),
    refunded: f("f.refunded"),
    anonymousOrders: f("f.anonOrders"),
    anonymousRevenue: f("f.anonRevenue"),
    pointsIssued: f("f.pointsIssued"),
    pointsRedeemed: f("f.pointsRedeemed"),
    pointsExpired: f("f.pointsExpired"),
    pointsReversed: f("f.pointsReversed"),
    pointsOutstanding: g(gauges, "g.points"),
    storedValuePrincipal: g(gauges, "g.svPrincipal"),
    storedValueBonus: g(gauges, "g.svBonus"),
    couponsIssued: sumPrefix("f.couponsIssued."),
    couponsRedeemed: sumPrefix("f.couponsRedeemed."),
    couponsOpen: g(gauges, "g.couponsOpen"),
    couponsOpenValue: g(gauges, "g.couponsOpenValue"),
    buyers: g(gauges, "g.buyers"),
    repeatBuyers: g(gauges, "g.repeaters"),
  };
}

type Figures = { day: string; flows: Counters; gauges: Counters }[];

/**
 * Days summed as one, the way the dashboard's totals are: flows summed, standing figures at the last day's end (dated
 * `to`), and the averages drawn from them.
 */
function summed(to: string, figures: Figures) {
  const flows = sumCounters(figures.map((figure) => figure.flows));
  const end = figures.at(-1)?.gauges ?? {};
  const totals = dayView(to, flows, end);
  const period = {
    totals,
    memberOrderValue: totals.orders ? Math.round(totals.revenue / totals.orders) : null,
    anonymousOrderValue: totals.anonymousOrders ? Math.round(totals.anonymousRevenue / totals.anonymousOrders) : null,
    repurchaseRate: totals.buyers ? totals.repeatBuyers / totals.buyers : null,
  };
  return { flows, end, period };
}

/** Issue and use of each coupon template named in the flows, most issued first. */
async function couponFigures(deps: Deps, merchantId: string, flows: Counters) {
  const templateIds = [
    ...new Set(
      Object.keys(flows).flatMap((name) =>
        name.startsWith("f.couponsIssued.") || name.startsWith("f.couponsRedeemed.")
          ? [name.split(".").slice(2).join(".")]
          : [],
      ),
    ),
  ];
  const templates = templateIds.length ? await getTemplates(deps.db, merchantId, templateIds) : new Map();
  return templateIds
    .map((templateId) => {
      const issued = flows[`f.couponsIssued.${templateId}`] ?? 0;
      const redeemed = flows[`f.couponsRedeemed.${templateId}`] ?? 0;
      return {
        templateId,
        name: templates.get(templateId)?.name ?? templateId,
        issued,
        redeemed,
        redemptionRate: issued ? redeemed / issued : null,
      };
    })
    .sort((a, b) => b.issued - a.issued || a.name.localeCompare(b.name));
}

/** Owner or manager: the dashboard for a date range (local days), for the chain, one store, or a manager's stores. */
export async function dashboard(
  deps: Deps,
  caller: Caller,
  input: { from: string; to: string; storeId?: string | null },
) {
  const scope = await scopeFor(deps, caller, input.storeId);
  const range = parseRange(input.from, input.to, scope.today);
  const figures = await figuresFor(deps, scope, range.from, range.to);
  const { flows, end, period } = summed(range.to, figures);
  const config = await getLoyaltyConfig(deps.db, scope.merchantId);
  const ladder = config?.ladder ?? DEFAULT_LADDER;
  const withoutAccount = Math.max(0, g(end, "g.members") - g(end, "g.accounts"));
  const tiers = ladder.tiers.map((tier, i) => ({
    tierId: tier.id,
    name: tier.name,
    members: g(end, `g.tier.${tier.id}`) + (i === 0 ? withoutAccount : 0),
  }));
  return {
    from: range.from,
    to: range.to,
    storeId: scope.storeId ?? null,
    timeZone: scope.timeZone,
    days: figures.map((figure) => dayView(figure.day, figure.flows, figure.gauges)),
    tiers,
    coupons: await couponFigures(deps, scope.merchantId, flows),
    ...period,
  };
}

/**
 * Owner or manager: the period just before a dashboard's (环比), as many days long as the dashboard shows (`from` to
 * `to`, at most today) and ending the day before `from`, summed as its totals are. Its scope is the dashboard's,
 * already checked for this caller when the dashboard was read: the store shown, else the caller's stores or the
 * chain. Days before the merchant's first figures stand at nothing. Reads: 1 GetItem (roll-up state) + 1 Query per
 * store in view (the chain: 1) once those days are rolled up.
 */
export async function previousPeriod(
  deps: Deps,
  caller: Caller,
  shown: { from: string; to: string; storeId?: string | null; timeZone: string },
) {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const today = localDate(deps.clock.now(), shown.timeZone);
  const scope: DashboardScope = {
    merchantId: staff.merchantId,
    timeZone: shown.timeZone,
    today,
    storeId: shown.storeId ?? undefined,
    storeIds: shown.storeId ? [shown.storeId] : storeScope(staff),
  };
  const length = days(shown.from, shown.to < today ? shown.to : today).length;
  const to = addDays(shown.from, -1);
  const from = addDays(shown.from, -Math.max(1, length));
  return { from, to, ...summed(to, await figuresFor(deps, scope, from, to)).period };
}

export interface LiabilityRow {
  storeId: string;
  storeName: string;
  points: number;
  storedValuePrincipal: number;
  storedValueBonus: number;
  couponsOpen: number;
  couponsOpenValue: number;
}

type LiabilityFigures = Omit<LiabilityRow, "storeId" | "storeName">;

/** One store's row of the liability report, from its gauges. */
function liabilityRow(storeId: string, storeName: string, gauges: Counters): LiabilityRow {
  return {
    storeId,
    storeName,
    points: g(gauges, "g.points"),
    storedValuePrincipal: g(gauges, "g.svPrincipal"),
    storedValueBonus: g(gauges, "g.svBonus"),
    couponsOpen: g(gauges, "g.couponsOpen"),
    couponsOpenValue: g(gauges, "g.couponsOpenValue"),
  };
}

/** The liability report as CSV (yuan with two decimals), a row per store and the total. */
function liabilityCsv(rows: LiabilityRow[], totals: LiabilityFigures): string {
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const line = (id: string, name: string, f: LiabilityFigures) => [
    id,
    name,
    f.points,
    yuan(f.storedValuePrincipal),
    yuan(f.storedValueBonus),
    f.couponsOpen,
    yuan(f.couponsOpenValue),
  ];
  return toCsv([
    [
      "store_id",
      "store",
      "points",
      "stored_value_principal_yuan",
      "stored_value_bonus_yuan",
      "coupons_open",
      "coupons_open_value_yuan",
    ],
    ...rows.map((row) => line(row.storeId, row.storeName, row)),
    line("", "total", totals),
  ]);
}

/**
 * Owner or manager: what is owed to members now, per store in view and in total (points, stored value, open coupons).
 */
export async function liabilityReport(deps: Deps, caller: Caller, storeId?: string | null) {
  const scope = await scopeFor(deps, caller, storeId);
  const state = await repo.getRollupState(deps.db, scope.merchantId);
  const stores = await collectPages((cursor) => listStores(deps.db, scope.merchantId, 100, cursor));
  const inView = (id: string) => !scope.storeIds || scope.storeIds.includes(id);
  const wanted = [...new Set([...(state?.storeIds ?? []), ...stores.map((store) => store.id), UNASSIGNED])];
  const { start, figures } = await sinceRollup(deps, scope, state, wanted, scope.today);
  const now = new Map(start);
  for (const figure of figures) now.set(figure.storeId, figure.gauges);
  const named = new Map<string, Store>(stores.map((store) => [store.id, store]));
  const ids = [
    ...new Set([...stores.map((store) => store.id), ...[...now.keys()].filter((id) => id !== CHAIN)]),
  ].filter((id) => (id === UNASSIGNED ? !scope.storeIds : inView(id)));
  const rows = ids
    .map((id) => liabilityRow(id, named.get(id)?.name ?? (id === UNASSIGNED ? "—" : id), now.get(id) ?? {}))
    .filter(
      (row) =>
        named.has(row.storeId) || row.points || row.storedValuePrincipal || row.storedValueBonus || row.couponsOpen,
    )
    .sort((a, b) => a.storeName.localeCompare(b.storeName));
  const sum = (field: keyof LiabilityFigures) => rows.reduce((total, row) => total + row[field], 0);
  const totals = {
    points: sum("points"),
    storedValuePrincipal: sum("storedValuePrincipal"),
    storedValueBonus: sum("storedValueBonus"),
    couponsOpen: sum("couponsOpen"),
    couponsOpenValue: sum("couponsOpenValue"),
  };
  const csv = liabilityCsv(rows, totals);
  return { asOf: deps.clock.now(), date: scope.today, timeZone: scope.timeZone, stores: rows, ...totals, csv };
}

/**
 * A storefront records an order from a customer who is not a member (idempotent
 * by order id): only counted, for the member vs non-member order value.
 */
export async function recordAnonymousOrder(
  deps: Deps,
  caller: Caller,
  input: { orderId: string; storeId: string; total: number },
) {
  const actor = requireMerchant(caller);
  const orderId = requestKey("orderId", input.orderId);
  const storeId = requiredText("storeId", input.storeId, 64);
  if (!Number.isSafeInteger(input.total) || input.total < 0)
    throw new ValidationError("total", "total must be a whole number of fen, 0 or more");
  assertStoreWritable(actor, storeId);
  if (!(await getStore(deps.db, actor.merchantId, storeId))) throw new NotFoundError("Store", storeId);
  const print = fingerprint({ operation: "recordAnonymousOrder", storeId, total: input.total });
  const order = { orderId, storeId, total: input.total, at: deps.clock.now(), fingerprint: print };
  const result = await commit(deps.db, [anonymousOrderPut(deps.db, actor.merchantId, order)]);
  if (result.written) return { orderId, storeId, total: input.total, at: order.at, created: true };
  const first = await getAnonymousOrder(deps.db, actor.merchantId, orderId);
  if (!first) throw new ConflictError("The order could not be recorded; try again", { field: "orderId" });
  assertSameRequest("orderId", orderId, first.fingerprint, print);
  return { orderId, storeId: first.storeId, total: first.total, at: first.at, created: false };
}

/**
 * Owner or manager: results of the latest campaigns (up to 5) that ran in the
 * range. Measured on demand by campaignResults: one Query per member reached.
 */
export async function dashboardCampaigns(deps: Deps, caller: Caller, from: string, to: string) {
  const all = await collectPages((cursor) => listCampaigns(deps, caller, 100, cursor));
  const ran = all
    .filter((campaign) =>
      campaign.schedule.kind === "once"
        ? campaign.schedule.date >= from && campaign.schedule.date <= to
        : campaign.schedule.from <= to && (campaign.schedule.until ?? "9999-12-31") >= from,
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, 5);
  return Promise.all(
    ran.map(async (campaign) => {
      const results = await campaignResults(deps, caller, campaign.id);
      return {
        campaign,
        reached: results.reached,
        converted: results.converted,
        conversionRate: results.reached ? results.converted / results.reached : null,
        revenue: results.revenue,
      };
    }),
  );
}
