/** Run the simulated year, check it, and put the figures into JSON and a markdown summary. */
import { localIdentity } from "../../functions/adapters/identity/local.js";
import { cryptoIds } from "../../functions/adapters/ids.js";
import type { Deps } from "../../functions/app/deps.js";
import type { Db } from "../../functions/data/db.js";
import { checkMerchant, type Check, type MerchantFacts } from "./checks.js";
import { holdoutChecks } from "./holdouts.js";
import { counted, simulateYear, type SimulationOptions } from "./year.js";

export interface JobFigures {
  job: string;
  runs: number;
  acted: number;
  alreadyDone: number;
  itemsRead: number;
  sms: number;
  coupons: number;
  itemsPerActed: number | null;
}

export interface SimulationSummary {
  options: Omit<SimulationOptions, "log">;
  ok: boolean;
  wallSeconds: number;
  phases: Record<string, number>;
  requests: { total: number; byKind: Record<string, number>; perSimulatedDay: number; perSecond: number };
  checkRequests: number;
  jobs: JobFigures[];
  /**
   * Items the member-finding jobs read per member they acted on (birthday, wake-up, coupon-expiry, lifecycle, points-
   * expiry, tier-review).
   */
  jobItemsPerActed: number | null;
  merchants: (MerchantFacts & { checks: Check[] })[];
}

const MEMBER_JOBS = ["birthday", "wakeup", "coupon-expiry", "lifecycle", "points-expiry", "tier-review"];

export async function runSimulation(db: Db, options: Partial<SimulationOptions>): Promise<SimulationSummary> {
  const result = await simulateYear(db, options);
  const { db: checkDb, requests: checkRequests } = counted(db);
  const deps: Deps = {
    db: checkDb,
    clock: { now: () => new Date().toISOString() },
    ids: cryptoIds,
    identity: localIdentity(checkDb),
  };
  const checked = [];
  for (const run of result.merchants) {
    const { checks, facts } = await checkMerchant(deps, run);
    checked.push({ ...facts, checks: [...checks, ...(await holdoutChecks(deps, run))] });
  }
  const jobs = new Map<string, JobFigures>();
  for (const r of result.merchants.flatMap((run) => run.jobResults)) {
    const j = jobs.get(r.job) ?? {
      job: r.job,
      runs: 0,
      acted: 0,
      alreadyDone: 0,
      itemsRead: 0,
      sms: 0,
      coupons: 0,
      itemsPerActed: null,
    };
    Object.assign(j, {
      runs: j.runs + 1,
      acted: j.acted + r.acted,
      alreadyDone: j.alreadyDone + r.alreadyDone,
      itemsRead: j.itemsRead + r.itemsRead,
      sms: j.sms + r.sms,
      coupons: j.coupons + r.coupons,
    });
    j.itemsPerActed = j.acted ? j.itemsRead / j.acted : null;
    jobs.set(r.job, j);
  }
  const memberJobs = [...jobs.values()].filter((j) => MEMBER_JOBS.includes(j.job));
  const acted = memberJobs.reduce((sum, j) => sum + j.acted, 0);
  const total = Object.values(result.requests).reduce((a, b) => a + b, 0);
  return {
    options: result.options,
    ok: checked.every((m) => m.checks.every((c) => c.ok)),
    wallSeconds: result.wallSeconds,
    phases: result.phases,
    requests: {
      total,
      byKind: result.requests,
      perSimulatedDay: total / result.options.days,
      perSecond: total / result.wallSeconds,
    },
    checkRequests: [...checkRequests.values()].reduce((a, b) => a + b, 0),
    jobs: [...jobs.values()],
    jobItemsPerActed: acted ? memberJobs.reduce((sum, j) => sum + j.itemsRead, 0) / acted : null,
    merchants: checked,
  };
}

const n = (value: number) => value.toLocaleString("en-US");
const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Counts by name as `name 1,234, other 5`. */
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(", ");

export function summaryMarkdown(s: SimulationSummary): string {
  return [...overview(s), ...s.merchants.flatMap(merchantSection)].join("\n");
}

/** The run's options and verdict, its wall time and DynamoDB requests, and the daily jobs' figures. */
function overview(s: SimulationSummary): string[] {
  const o = s.options;
  return [
    `# Simulated year`,
    ``,
    `\`npm run simulate -- --members ${o.members} --days ${o.days} --start ${o.start} ` +
      `--seed ${o.seed}\` — ${s.ok ? "**all checks passed**" : "**CHECKS FAILED**"}`,
    ``,
    `${n(o.members)} members in ${o.timeZones.length} merchants ` +
      `(${o.timeZones.join(", ")}), ${o.days} local days from ${o.start}; every daily ` +
      `job every day at each merchant's job hour, SMS dispatched after it; application ` +
      `functions called in-process over DynamoDB Local.`,
    ``,
    `| figure | value |`,
    `|---|---|`,
    `| wall time (simulation) | ${s.wallSeconds.toFixed(0)} s (enrolment before the ` +
      `year ${s.phases.enrolBefore?.toFixed(0)} s, the year ${s.phases.year?.toFixed(0)} ` +
      `s, of which daily jobs ≈ ${s.phases.jobs?.toFixed(0)} s per merchant) |`,
    `| DynamoDB requests (simulation) | ${n(s.requests.total)} ` +
      `(${n(Math.round(s.requests.perSimulatedDay))} per simulated day, ${n(Math.round(s.requests.perSecond))}/s): ` +
      `${Object.entries(s.requests.byKind)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k.replace("Command", "")} ${n(v)}`)
        .join(", ")} |`,
    `| DynamoDB requests (end checks) | ${n(s.checkRequests)} |`,
    `| job items read per member acted on | ${s.jobItemsPerActed?.toFixed(2) ?? "—"} (target ≤ 1.1) |`,
    ``,
    `| job | runs | acted | already done | items read | per acted | SMS | coupons |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|`,
    ...s.jobs.map(
      (j) =>
        `| ${j.job} | ${n(j.runs)} | ${n(j.acted)} | ${n(j.alreadyDone)} | ` +
        `${n(j.itemsRead)} | ${j.itemsPerActed?.toFixed(2) ?? "—"} | ${n(j.sms)} | ` +
        `${n(j.coupons)} |`,
    ),
    ``,
  ];
}

/** One merchant's members, orders, SMS, coupons and actions, and its end checks. */
function merchantSection(m: SimulationSummary["merchants"][number]): string[] {
  return [
    `## Merchant ${m.merchantId} (${m.timeZone})`,
    ``,
    `${n(m.members)} members, ${n(m.orders)} orders, revenue ${yuan(m.revenue)}, refunded ${yuan(m.refunded)}; ` +
      `SMS sent ${n(m.messages.sent)} (${counts(m.messages.byPurpose)}), skipped ${n(m.messages.skipped)}, ` +
      `still queued ${n(m.messages.queued)}; coupons issued: ${counts(m.couponsIssued)}.`,
    `Actions: ${counts(m.actions)}.`,
    ``,
    `| check | result | compared |`,
    `|---|---|---|`,
    ...m.checks.map(
      (c) =>
        `| ${c.name} | ${c.ok ? "pass" : "**FAIL**"} | ` +
        `${c.detail}${c.mismatches ? `<br>${c.mismatches.map((x) => x.replace(/\|/g, "/")).join("<br>")}` : ""} ` +
        `|`,
    ),
    ``,
  ];
}
