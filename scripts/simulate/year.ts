/**
 * A simulated year: merchants in different time zones, their members buying,
 * refunding, checking in, topping up, claiming and using coupons, changing
 * consent and opting out at the carrier, with every daily job run on every
 * local day at the merchant's job hour and the SMS dispatcher after it. The
 * clock is moved by hand (each action gets its own instant), the application
 * functions are called in-process (functions/app/*), and an independent model
 * (model.ts) says what should have happened; checks.ts compares the two.
 */
import { createHash } from "node:crypto";
import { random } from "../local/demo-data.js";
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds, READABLE_ALPHABET, type Ids } from "../../functions/adapters/ids.js";
import { localSender } from "../../functions/adapters/sms/local.js";
import { claimCoupon, createTemplate, quoteCheckout } from "../../functions/app/coupons.js";
import type { Deps } from "../../functions/app/deps.js";
import { runDailyJobs, updateAutomation, type JobResult } from "../../functions/app/jobs/index.js";
import {
  checkInMember,
  loyaltyConfig,
  recordPurchase,
  redeemPoints,
  refundOrder,
  updatePointsRules,
  updateTierLadder,
} from "../../functions/app/loyalty/index.js";
import { registerMember, setMarketingConsent } from "../../functions/app/members.js";
import { dispatchDue } from "../../functions/app/messaging.js";
import { onboardMerchant } from "../../functions/app/merchants.js";
import { createPlan, topUp } from "../../functions/app/storedValue.js";
import { createStore } from "../../functions/app/stores.js";
import type { Caller } from "../../functions/core/access.js";
import { addDays, startOfLocalDay } from "../../functions/core/time.js";
import { withSend, type Db } from "../../functions/data/db.js";
import { MerchantModel, type ModelMember, type ModelOrder, type Settings } from "./model.js";

export interface SimulationOptions {
  members: number;
  days: number;
  /** First simulated local day (YYYY-MM-DD). */
  start: string;
  seed: number;
  /** Member actions in flight at once per merchant. */
  concurrency: number;
  timeZones: string[];
  log?: (line: string) => void;
}

export const DEFAULT_OPTIONS: SimulationOptions = {
  members: 10_000,
  days: 365,
  start: "2026-12-01",
  seed: 2026,
  concurrency: 12,
  timeZones: ["Asia/Shanghai", "America/Los_Angeles"],
};

/** Deterministic pseudo-random numbers (the demo's mulberry32), so a run can be repeated. */
export { random };
type Random = ReturnType<typeof random>;

/** A DynamoDB client that counts requests by kind. */
export function counted(db: Db): { db: Db; requests: Map<string, number> } {
  const requests = new Map<string, number>();
  const counting = withSend(db, (command, send) => {
    requests.set(command.constructor.name, (requests.get(command.constructor.name) ?? 0) + 1);
    return send();
  });
  return { db: counting, requests };
}

/** The instant of a local wall-clock time on a local day (correct across daylight-saving changes). */
export function localInstant(day: string, hhmm: string, timeZone: string): string {
  const wanted = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  let instant = Date.parse(startOfLocalDay(day, timeZone)) + wanted * 60_000;
  const [h, m] = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(new Date(instant))
    .split(":")
    .map(Number);
  instant += (wanted - (h * 60 + m)) * 60_000;
  return new Date(instant).toISOString();
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Run tasks with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await task(items[i]);
    }),
  );
}

const MENU = [
  { sku: "tea", name: "茶", category: "drinks", unitPrice: 1800 },
  { sku: "latte", name: "拿铁", category: "drinks", unitPrice: 2500 },
  { sku: "cake", name: "蛋糕", category: "food", unitPrice: 3200 },
  { sku: "beans", name: "咖啡豆", category: "retail", unitPrice: 4500 },
] as const;

/** How often a member comes (mean days between visits) and whether they stop coming at some point. */
const PROFILES = [14, 30, 75, 180];

interface SimMember {
  /** The member's place in their merchant's plan. */
  index: number;
  /** What the member's own actions draw (baskets, coupons, top-ups, refunds): the same for the same seed. */
  rng: Random;
  model: ModelMember;
  homeStoreId: string;
  visitEvery: number;
  stopsAfter?: string;
  /** The day a wake-up message brings the member back, when it does (WAKE_UPLIFT). */
  extraVisit?: string;
}

export interface MerchantRun {
  merchantId: string;
  timeZone: string;
  model: MerchantModel;
  owner: Caller;
  storeIds: string[];
  sender: ReturnType<typeof localSender>;
  optedOut: Set<string>;
  orders: Map<string, ModelOrder>;
  jobResults: JobResult[];
  actions: Record<string, number>;
  errors: string[];
  /** The last simulated local day. */
  end: string;
  templates: Record<"wake" | "birthday" | "claim", string>;
  planId: string;
  /** A member's chance of visiting of their own accord on a local day (the holdout check's truth). */
  baseVisitChance: (memberId: string, day: string) => number;
}

/**
 * Holdout shares large enough for the small simulation's groups to say something: the wake-up ladder and the
 * birthday greeting hold out 40 %, the coupon-expiry reminder 20 %.
 */
const HOLDOUT = { wakeup: 40, birthday: 40, couponExpiry: 20 };

/**
 * The wake-up message's known effect: a member it reached comes back, within 6 days, with this chance (on top of
 * their own visits). The birthday greeting has no effect at all. docs/holdouts.md.
 */
export const WAKE_UPLIFT = 0.4;
/** The days after a wake-up message on which its extra visit falls (uniformly). */
export const WAKE_UPLIFT_DAYS = 6;

/** Two merchants' settings: different zones, job hours inside and outside quiet hours. */
function settingsFor(index: number, timeZone: string): Settings {
  return index % 2 === 0
    ? {
        timeZone,
        jobHour: 9,
        quietStart: "21:00",
        quietEnd: "09:00",
        monthlyCap: 2,
        wakeSteps: [
          { days: 30, coupon: false },
          { days: 60, coupon: true },
        ],
        couponExpiryDaysBefore: 3,
        holdout: HOLDOUT,
      }
    : {
        timeZone,
        jobHour: 7,
        quietStart: "21:30",
        quietEnd: "08:30",
        monthlyCap: 2,
        wakeSteps: [
          { days: 21, coupon: false },
          { days: 45, coupon: true },
          { days: 90, coupon: true },
        ],
        couponExpiryDaysBefore: 2,
        holdout: HOLDOUT,
      };
}

/** A merchant onboarded for the simulation (its first store in 上海), and its owner as a caller. */
async function onboardSimMerchant(d: Deps, index: number, timeZone: string) {
  const { merchant, store, owner } = await onboardMerchant(
    d,
    { kind: "operator", subject: "simulate" },
    {
      name: `模拟商户${index + 1}`,
      timeZone,
      firstStore: { name: "一号店", city: "上海" },
      owner: { username: `sim-${index}-${cryptoIds.code(8).toLowerCase()}`, name: "店主", password: "Simulate-2026" },
    },
  );
  const caller: Caller = {
    kind: "staff",
    merchantId: merchant.id,
    staffId: owner.id,
    username: owner.username,
    role: "owner",
    storeIds: [],
  };
  return { merchant, store, caller };
}

/** The coupons of the year: the wake-up ladder's, the birthday one, and one members claim. */
async function simTemplates(d: Deps, caller: Caller) {
  const wake = await createTemplate(d, caller, {
    name: "回来立减5元",
    kind: "amount_off",
    amountOff: 500,
    validDays: 14,
    perMemberLimit: null,
  });
  const birthday = await createTemplate(d, caller, {
    name: "生日券8元",
    kind: "amount_off",
    amountOff: 800,
    validDays: 30,
    perMemberLimit: null,
  });
  const claim = await createTemplate(d, caller, {
    name: "满30减10",
    kind: "amount_off",
    amountOff: 1000,
    minSpend: 3000,
    validDays: 21,
    perMemberLimit: null,
  });
  return { wake, birthday, claim };
}

/** A birthday coupon on every tier, short-lived points, and the automations as the settings say. */
async function configure(
  d: Deps,
  caller: Caller,
  settings: Settings,
  templates: Awaited<ReturnType<typeof simTemplates>>,
) {
  const ladder = (await loyaltyConfig(d, caller)).ladder;
  await updateTierLadder(d, caller, {
    ...ladder,
    tiers: ladder.tiers.map((tier) => ({ ...tier, birthdayCouponTemplateId: templates.birthday.id })),
  });
  // Short-lived points so the expiry job has work within the year.
  await updatePointsRules(d, caller, { lifetimeMonths: 3 });
  await updateAutomation(d, caller, {
    jobHour: settings.jobHour,
    sms: { quietStart: settings.quietStart, quietEnd: settings.quietEnd, monthlyCap: settings.monthlyCap },
    birthday: { enabled: true, daysBefore: 0, sendCoupon: true, holdoutPercent: settings.holdout.birthday },
    wakeup: {
      enabled: true,
      steps: settings.wakeSteps.map((step) => ({
        days: step.days,
        holdoutPercent: settings.holdout.wakeup,
        body: step.coupon ? "{name}，送您{coupon}，期待再见" : "{name}，好久不见",
        ...(step.coupon ? { couponTemplateId: templates.wake.id } : {}),
      })),
    },
    couponExpiry: {
      enabled: true,
      daysBefore: settings.couponExpiryDaysBefore,
      holdoutPercent: settings.holdout.couponExpiry,
    },
  });
}

async function setUpMerchant(
  deps: Deps,
  index: number,
  timeZone: string,
  options: SimulationOptions,
): Promise<MerchantRun> {
  const at = localInstant(addDays(options.start, -2), "10:00", timeZone);
  const d = { ...deps, clock: { now: () => at }, ids: plannedIds(options.seed, `merchant:${index}`, at) };
  const settings = settingsFor(index, timeZone);
  const { merchant, store, caller } = await onboardSimMerchant(d, index, timeZone);
  const second = await createStore(d, caller, { name: "二号店", city: "杭州" });
  const templates = await simTemplates(d, caller);
  const { wake, birthday, claim } = templates;
  const plan = await createPlan(d, caller, { name: "充300送60", pay: 30000, bonus: 6000, scope: "any" });
  await configure(d, caller, settings, templates);
  const optedOut = new Set<string>();
  return {
    merchantId: merchant.id,
    timeZone,
    model: new MerchantModel(settings, merchant.id),
    owner: caller,
    storeIds: [store.id, second.id],
    sender: localSender({ optedOut }),
    optedOut,
    orders: new Map(),
    jobResults: [],
    actions: {},
    errors: [],
    end: addDays(options.start, options.days - 1),
    templates: { wake: wake.id, birthday: birthday.id, claim: claim.id },
    planId: plan.id,
    baseVisitChance: () => 0,
  };
}

/** Birthdays spread over a leap-year calendar so every month (and 29 February) has some. */
function birthdayOf(i: number, count: number, rng: Random): { month: number; day: number } | undefined {
  if (i % 20 === 19) return undefined;
  const dayOfYear = i === 0 ? 59 : Math.floor((i * 366) / count + rng.next() * 3) % 366;
  const date = new Date(Date.UTC(2028, 0, 1 + dayOfYear));
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export interface SimulationResult {
  options: Omit<SimulationOptions, "log">;
  merchants: MerchantRun[];
  wallSeconds: number;
  phases: Record<string, number>;
  requests: Record<string, number>;
}

/** A member to enrol: when they join, their birthday and consent, how often they come and when they stop. */
interface MemberPlan {
  i: number;
  joinDay: string;
  birthday: { month: number; day: number } | undefined;
  consent: boolean;
  visitEvery: number;
  stopsAfter: string | undefined;
  store: number;
  minute: number;
}

/** What every step of the simulated year shares: the merchants' runs, their members (planned and enrolled). */
interface Year {
  deps: Deps;
  options: SimulationOptions;
  rng: Random;
  /** Per merchant: the wake-up message's effect, drawn apart from the members' own behaviour. */
  upliftRng: Random[];
  /** Per merchant: who visits, checks in or changes consent each day. */
  behaviour: Random[];
  runs: MerchantRun[];
  plans: MemberPlan[][];
  sims: Map<string, SimMember>[];
  /** Per merchant, the orders to refund on each local day. */
  refundsDue: Map<string, string[]>[];
}

/** An action of a member on a day, at a local minute. */
interface Action {
  member: SimMember;
  minute: number;
  kind: string;
  ref?: string;
}

/** Each merchant's share of the members, planned with the seeded random numbers. */
function memberPlans(runs: MerchantRun[], options: SimulationOptions, rng: Random): MemberPlan[][] {
  const perMerchant = Math.ceil(options.members / runs.length);
  return runs.map((run, m) =>
    Array.from(
      { length: perMerchant - (m === runs.length - 1 ? perMerchant * runs.length - options.members : 0) },
      (_, i) => {
        const before = rng.chance(0.7);
        const joinDay = before ? addDays(options.start, -1) : addDays(options.start, rng.int(0, options.days - 1));
        const visitEvery = rng.pick(PROFILES);
        return {
          i,
          joinDay,
          birthday: birthdayOf(i, perMerchant, rng),
          consent: rng.chance(0.75),
          visitEvery,
          stopsAfter: rng.chance(0.3) ? addDays(joinDay, rng.int(10, options.days)) : undefined,
          store: rng.int(0, 1),
          minute: rng.int(10 * 60, 19 * 60),
        };
      },
    ),
  );
}

/** Registers a planned member at their joining minute, and adds them to the model and the simulation. */
async function enrol(year: Year, run: MerchantRun, m: number, plan: MemberPlan) {
  const at = localInstant(plan.joinDay, hhmm(plan.minute), run.timeZone);
  // The member's id from the plan (the holdout hash reads it), so a seed repeats who is held out.
  const d = { ...year.deps, clock: { now: () => at }, ids: plannedIds(year.options.seed, `${m}:${plan.i}`, at) };
  const phone = `13${8 + (m % 2)}${String(m).padStart(2, "0")}${String(plan.i).padStart(6, "0")}`;
  const { member } = await registerMember(d, run.owner, {
    phone,
    name: `会员${m}-${plan.i}`,
    homeStoreId: run.storeIds[plan.store],
    marketingSmsConsent: plan.consent,
    birthday: plan.birthday,
  });
  const model: ModelMember = {
    id: member.id,
    phone: member.phone,
    birthday: plan.birthday,
    joinDay: plan.joinDay,
    consent: plan.consent,
    consentHistory: [{ at, granted: plan.consent }],
    carrierOptedOut: false,
    coupons: [],
    queuedPerMonth: new Map(),
    storedValue: 0,
  };
  run.model.add(model);
  const seed = createHash("sha256").update(`${year.options.seed}:${m}:${plan.i}`).digest().readUInt32BE(0);
  year.sims[m].set(member.id, {
    index: plan.i,
    rng: random(seed),
    model,
    homeStoreId: run.storeIds[plan.store],
    visitEvery: plan.visitEvery,
    stopsAfter: plan.stopsAfter,
  });
}

/** The morning: every job at the job hour, then the dispatcher then and once quiet hours are over; seconds in jobs. */
async function morning(year: Year, run: MerchantRun, day: string): Promise<number> {
  const { deps } = year;
  const { model } = run;
  const s = model.settings;
  const jobAt = localInstant(day, hhmm(s.jobHour * 60), run.timeZone);
  const jobStart = performance.now();
  run.jobResults.push(...(await runDailyJobs({ ...deps, clock: { now: () => jobAt } }, run.merchantId, day)));
  const jobSeconds = (performance.now() - jobStart) / 1000;
  model.jobs(day, jobAt);
  const dispatchMinutes =
    Math.max(s.jobHour * 60, Number(s.quietEnd.slice(0, 2)) * 60 + Number(s.quietEnd.slice(3))) + 5;
  const dispatchAt = localInstant(day, hhmm(dispatchMinutes), run.timeZone);
  await dispatchDue({ ...deps, clock: { now: () => jobAt } }, run.sender, run.merchantId);
  await dispatchDue({ ...deps, clock: { now: () => dispatchAt } }, run.sender, run.merchantId);
  model.dispatch(dispatchAt);
  return jobSeconds;
}

/** What the merchant's members do today (visits, check-ins, consent changes, opt-outs, refunds due), by member. */
function todaysActions(year: Year, run: MerchantRun, m: number, day: string): Action[][] {
  // Who does what today is drawn in the plan's order from a stream of its own, so it does not depend on how the
  // concurrent actions before it drew theirs: the visits, and so the holdout results, repeat with the seed.
  const rng = year.behaviour[m];
  const todays: Action[] = [];
  for (const member of [...year.sims[m].values()].sort((a, b) => a.index - b.index)) {
    if (member.model.joinDay > day) continue;
    const stopped = member.stopsAfter && day > member.stopsAfter;
    const minute = rng.int(10 * 60, 20 * 60 - 30);
    if (!stopped && rng.chance(1 / member.visitEvery)) todays.push({ member, minute, kind: "visit" });
    else if (member.extraVisit === day) todays.push({ member, minute, kind: "visit" });
    else if (!stopped && rng.chance(0.01)) todays.push({ member, minute, kind: "checkin" });
    if (rng.chance(0.0006))
      todays.push({ member, minute: minute + 5, kind: member.model.carrierOptedOut ? "none" : "consent" });
    if (!member.model.carrierOptedOut && member.model.consent && rng.chance(0.0002))
      todays.push({ member, minute: minute + 7, kind: "carrierOptOut" });
  }
  for (const orderId of year.refundsDue[m].get(day) ?? []) {
    const order = run.orders.get(orderId)!;
    todays.push({ member: year.sims[m].get(order.memberId)!, minute: 20 * 60, kind: "refund", ref: orderId });
  }
  const byMember = new Map<SimMember, Action[]>();
  for (const action of todays.sort((a, b) => a.minute - b.minute))
    byMember.set(action.member, [...(byMember.get(action.member) ?? []), action]);
  return [...byMember.values()];
}

/**
 * Ids and codes for one planned enrolment or merchant, the same for the same seed and key (the holdout hash reads
 * the merchant's and the member's), as random-looking as the real ones; secrets stay random.
 */
function plannedIds(seed: number, key: string, at: string): Ids {
  let n = 0;
  const time = Date.parse(at).toString(36).padStart(9, "0");
  const next = () => createHash("sha256").update(`${seed}:${key}:${n++}`).digest();
  return {
    ...cryptoIds,
    id: () => `${time}${next().toString("hex").slice(0, 16)}`,
    code: (length) => [...next().subarray(0, length)].map((b) => READABLE_ALPHABET[b % 32]).join(""),
  };
}

/** The wake-up messages sent this morning: each brings its member back within 6 days with the uplift's chance. */
function bringBack(year: Year, run: MerchantRun, m: number, day: string) {
  const sent = run.model.exposures
    .filter((e) => e.day === day && e.program.startsWith("wakeup:") && e.message?.status === "sent")
    .sort((a, b) => (a.memberId + a.program).localeCompare(b.memberId + b.program));
  for (const exposure of sent) {
    if (year.upliftRng[m].chance(WAKE_UPLIFT))
      year.sims[m].get(exposure.memberId)!.extraVisit = addDays(day, year.upliftRng[m].int(0, WAKE_UPLIFT_DAYS - 1));
  }
}

/** A member's chance of visiting of their own accord on a day (none once they stopped coming). */
function baseVisitChance(sims: Map<string, SimMember>) {
  return (memberId: string, day: string) => {
    const member = sims.get(memberId)!;
    return member.stopsAfter && day > member.stopsAfter ? 0 : 1 / member.visitEvery;
  };
}

/** One merchant's day: the morning's jobs, new members, then each member's actions in time order, side by side. */
async function simulateDay(year: Year, run: MerchantRun, m: number, day: string): Promise<number> {
  const { deps, options, refundsDue } = year;
  const jobSeconds = await morning(year, run, day);
  bringBack(year, run, m, day);
  await pool(
    year.plans[m].filter((plan) => plan.joinDay === day),
    options.concurrency,
    (plan) => enrol(year, run, m, plan),
  );
  await pool(todaysActions(year, run, m, day), options.concurrency, async (actions) => {
    for (const action of actions) {
      const at = localInstant(day, hhmm(Math.min(action.minute, 20 * 60 + 59)), run.timeZone);
      try {
        await act(
          run,
          { ...deps, clock: { now: () => at } },
          action.member,
          action.kind,
          day,
          at,
          action.member.rng,
          action.ref,
          (orderId, due) => refundsDue[m].set(due, [...(refundsDue[m].get(due) ?? []), orderId]),
        );
      } catch (error) {
        run.errors.push(`${day} ${action.kind} ${action.member.model.id}: ${(error as Error).message}`);
      }
    }
  });
  return jobSeconds;
}

/** The merchants set up, their members planned, and the random streams of the year. */
async function setUpYear(deps: Deps, options: SimulationOptions): Promise<Year> {
  const rng = random(options.seed);
  const runs = await Promise.all(options.timeZones.map((zone, i) => setUpMerchant(deps, i, zone, options)));
  const plans = memberPlans(runs, options, rng);
  const sims = runs.map(() => new Map<string, SimMember>());
  const refundsDue = runs.map(() => new Map());
  const [upliftRng, behaviour] = [1, 2].map((k) => runs.map((_, m) => random(options.seed + 10 * k + m)));
  runs.forEach((run, m) => (run.baseVisitChance = baseVisitChance(sims[m])));
  return { deps, options, rng, upliftRng, behaviour, runs, plans, sims, refundsDue };
}

/** Run the year. `db` must point at a table made from functions/data/table.ts. */
export async function simulateYear(baseDb: Db, input: Partial<SimulationOptions> = {}): Promise<SimulationResult> {
  const options = { ...DEFAULT_OPTIONS, ...input };
  const log = options.log ?? (() => {});
  const { db, requests } = counted(baseDb);
  const deps: Deps = {
    db,
    clock: { now: () => new Date().toISOString() },
    ids: cryptoIds,
    identity: localIdentity(db),
  };
  const started = performance.now();
  const phases: Record<string, number> = {};
  const year = await setUpYear(deps, options);
  const { runs, plans } = year;

  // Members who joined before the year: enrolled up front.
  let phase = performance.now();
  await Promise.all(
    runs.map((run, m) =>
      pool(
        plans[m].filter((plan) => plan.joinDay < options.start),
        options.concurrency,
        (plan) => enrol(year, run, m, plan),
      ),
    ),
  );
  phases.enrolBefore = (performance.now() - phase) / 1000;
  log(
    `enrolled ${[...runs].reduce((sum, run) => sum + run.model.members.size, 0)} ` +
      `members before ${options.start} in ${phases.enrolBefore.toFixed(1)} s`,
  );

  phase = performance.now();
  let jobSeconds = 0;
  for (let n = 0; n < options.days; n++) {
    const day = addDays(options.start, n);
    await Promise.all(
      runs.map(async (run, m) => {
        const seconds = await simulateDay(year, run, m, day);
        jobSeconds += seconds;
      }),
    );
    if ((n + 1) % 30 === 0 || n === options.days - 1)
      log(
        `day ${n + 1}/${options.days} (${day}): ` +
          `${((performance.now() - started) / 1000).toFixed(0)} s, ` +
          `${[...requests.values()].reduce((a, b) => a + b, 0)} requests`,
      );
  }
  phases.year = (performance.now() - phase) / 1000;
  phases.jobs = jobSeconds / runs.length;
  return {
    options: { ...options, log: undefined } as SimulationResult["options"],
    merchants: runs,
    wallSeconds: (performance.now() - started) / 1000,
    phases,
    requests: Object.fromEntries(requests),
  };
}

/** One action of a member: a consent change, an opt-out at the carrier, a check-in, a refund or a visit. */
async function act(
  run: MerchantRun,
  d: Deps,
  member: SimMember,
  kind: string,
  day: string,
  at: string,
  rng: Random,
  ref: string | undefined,
  scheduleRefund: (orderId: string, day: string) => void,
) {
  const { model } = run;
  const me = member.model;
  run.actions[kind] = (run.actions[kind] ?? 0) + 1;
  if (kind === "consent") {
    await setMarketingConsent(d, run.owner, me.id, { granted: !me.consent });
    model.setConsent(me, !me.consent, at);
  } else if (kind === "carrierOptOut") {
    run.optedOut.add(me.phone);
    me.carrierOptedOut = true;
    me.carrierOptedOutAt = at;
  } else if (kind === "checkin") {
    await checkInMember(d, run.owner, me.id);
  } else if (kind === "refund") {
    await refund(run, d, me, run.orders.get(ref!)!, rng);
  } else if (kind === "visit") {
    await visit(run, d, member, day, at, rng, scheduleRefund);
  }
}

/** A refund of the order: part of a line sometimes (without coupon or stored value), else all of it. */
async function refund(run: MerchantRun, d: Deps, me: ModelMember, order: ModelOrder, rng: Random) {
  const { model } = run;
  const partial = !order.coupon && !order.storedValue && order.lines.some((line) => line.qty > 1) && rng.chance(0.5);
  const lines = partial
    ? [{ sku: order.lines.find((line) => line.qty > 1)!.sku, qty: 1 }]
    : order.lines.map((line) => ({ sku: line.sku, qty: line.qty }));
  await refundOrder(d, run.owner, { refundId: `r-${order.orderId}`, orderId: order.orderId, lines });
  const amount = partial ? order.lines.find((line) => line.qty > 1)!.unitPrice : order.total;
  order.refunded += amount;
  order.refundedOnce = true;
  model.refunded += amount;
  if (!partial) {
    me.storedValue += order.storedValue;
    const coupon = me.coupons.find((c) => c.id === order.coupon);
    if (coupon) {
      coupon.status = "open";
      model.couponsRedeemed--;
    }
  }
}

/** Sometimes a top-up before the purchase (a plan, or a plain amount without bonus), sometimes a coupon claimed. */
async function beforePurchase(run: MerchantRun, d: Deps, me: ModelMember, storeId: string, at: string, rng: Random) {
  const { model } = run;
  if (rng.chance(0.04)) {
    const withPlan = rng.chance(0.6);
    await topUp(d, run.owner, {
      memberId: me.id,
      paymentId: `p-${cryptoIds.id()}`,
      amount: withPlan ? 30000 : 10000,
      planId: withPlan ? run.planId : undefined,
      storeId,
    });
    me.storedValue += withPlan ? 36000 : 10000;
    model.topUps++;
  }
  // Sometimes claim a coupon for later (领券).
  if (rng.chance(0.05)) {
    const { coupon } = await claimCoupon(d, run.owner, {
      templateId: run.templates.claim,
      memberId: me.id,
      requestId: `c-${cryptoIds.id()}`,
    });
    model.issue(me, "claim", at, 1000, 21, coupon.code);
  }
}

/** A basket of one to three menu items; a claimed coupon used on it sometimes (quoted first), stored value too. */
async function basket(run: MerchantRun, d: Deps, me: ModelMember, storeId: string, day: string, rng: Random) {
  const lines = Array.from({ length: rng.int(1, 3) }, () => rng.pick(MENU))
    .filter((line, i, all) => all.findIndex((other) => other.sku === line.sku) === i)
    .map((line) => ({ ...line, qty: rng.int(1, 2) }));
  const subtotal = lines.reduce((sum, line) => sum + line.qty * line.unitPrice, 0);
  const usable = me.coupons.find(
    (coupon) => coupon.template === "claim" && coupon.status === "open" && day < coupon.lastDay,
  );
  const coupon = usable && subtotal >= 3000 && rng.chance(0.7) ? usable : undefined;
  const discount = coupon ? coupon.amountOff : 0;
  if (coupon) {
    const quote = await quoteCheckout(d, run.owner, { memberId: me.id, storeId, lines, couponCodes: [coupon.id] });
    if (quote.discount !== discount) throw new Error(`quote gave ${quote.discount}, expected ${discount}`);
  }
  const total = subtotal - discount;
  const storedValue = me.storedValue > 0 && rng.chance(0.6) ? Math.min(me.storedValue, total) : 0;
  return { lines, coupon, total, storedValue };
}

/** A visit: maybe a top-up or a claim, a purchase, sometimes a refund later, a check-in, points redeemed. */
async function visit(
  run: MerchantRun,
  d: Deps,
  member: SimMember,
  day: string,
  at: string,
  rng: Random,
  scheduleRefund: (orderId: string, day: string) => void,
) {
  const { model } = run;
  const me = member.model;
  const storeId = rng.chance(0.8) ? member.homeStoreId : run.storeIds.find((id) => id !== member.homeStoreId)!;
  await beforePurchase(run, d, me, storeId, at, rng);
  const { lines, coupon, total, storedValue } = await basket(run, d, me, storeId, day, rng);
  const orderId = `o-${cryptoIds.id()}`;
  await recordPurchase(d, run.owner, {
    orderId,
    memberId: me.id,
    storeId,
    lines,
    total,
    paymentMethod: storedValue === total ? "stored_value" : "wechat",
    at,
    couponCodes: coupon ? [coupon.id] : undefined,
    storedValueAmount: storedValue || undefined,
  });
  me.lastVisit = day;
  me.storedValue -= storedValue;
  if (coupon) {
    coupon.status = "redeemed";
    model.couponsRedeemed++;
  }
  model.orders++;
  model.revenue += total;
  const order: ModelOrder = {
    orderId,
    memberId: me.id,
    total,
    lines,
    coupon: coupon?.id,
    storedValue,
    refunded: 0,
    refundedOnce: false,
  };
  run.orders.set(orderId, order);
  await afterPurchase(run, d, me, orderId, day, rng, scheduleRefund);
}

/** After a purchase: sometimes a refund scheduled a few days on, sometimes a check-in, sometimes points redeemed. */
async function afterPurchase(
  run: MerchantRun,
  d: Deps,
  me: ModelMember,
  orderId: string,
  day: string,
  rng: Random,
  scheduleRefund: (orderId: string, day: string) => void,
) {
  const refundDay = addDays(day, rng.int(1, 5));
  if (rng.chance(0.04) && refundDay <= run.end) scheduleRefund(orderId, refundDay);
  if (rng.chance(0.3)) await checkInMember(d, run.owner, me.id);
  if (rng.chance(0.03)) {
    await redeemPoints(d, run.owner, { memberId: me.id, points: 20, requestId: `rp-${cryptoIds.id()}` }).catch(
      (error) => {
        if ((error as { kind?: string }).kind !== "INSUFFICIENT_BALANCE") throw error;
      },
    );
  }
}
