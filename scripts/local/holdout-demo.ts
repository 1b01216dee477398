/**
 * The demo's holdout results (docs/holdouts.md): the wake-up ladder and a
 * campaign as if they had run in the last weeks, through the code the jobs
 * run (actOnce for the ladder's steps, the campaigns job itself), then the
 * purchases that followed. A member sent a message comes back within two
 * weeks with a 45 % chance, a member held out with 10 %, so the results show
 * an effect with its interval. The ladder holds out 25 % here (the default is
 * 10 %), so the ladder as a whole has enough held-out members to tell. Demo only: the
 * console tests seed without it.
 */
import { saveCampaign } from "../../functions/app/campaigns.js";
import type { Deps } from "../../functions/app/deps.js";
import { actOnce, getAutomation, jobContext, runJob, updateAutomation } from "../../functions/app/jobs/index.js";
import { recordPurchase } from "../../functions/app/loyalty/purchases.js";
import { searchMembers } from "../../functions/app/members.js";
import { saveSegment } from "../../functions/app/segments.js";
import type { Caller } from "../../functions/core/access.js";
import type { Member } from "../../functions/core/model.js";
import { groupOf } from "../../functions/core/holdoutGroups.js";
import { addDays, localDate, localInstant } from "../../functions/core/time.js";
import { collectPages } from "../../functions/data/query.js";
import { random } from "./demo-data.js";

const DAY = 86_400_000;
const TIME_ZONE = "Asia/Shanghai";
const DRINKS = [
  { sku: "milk-tea", name: "招牌奶茶", category: "tea", unitPrice: 1800 },
  { sku: "fruit-tea", name: "满杯水果茶", category: "tea", unitPrice: 2200 },
  { sku: "latte", name: "拿铁", category: "coffee", unitPrice: 2800 },
];

/** Chances of a purchase within two weeks of being acted on. */
const RETURNS = { treated: 0.45, heldOut: 0.1 };

type DepsAt = (now: string) => Deps;
type StaffCaller = Extract<Caller, { kind: "staff" }>;

/** 10:00 local on the date `daysAgo` days before today. */
function morning(daysAgo: number): string {
  const today = localDate(new Date().toISOString(), TIME_ZONE);
  return localInstant(addDays(today, -daysAgo), 10 * 3_600_000, TIME_ZONE);
}

interface Acted {
  member: Member;
  program: string;
  percent: number;
  at: string;
}

/** `task` over `items`, 6 at a time (the demo's writes are independent members). */
async function inBatches<T>(items: T[], task: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += 6) await Promise.all(items.slice(i, i + 6).map(task));
}

/** What one action's aftermath draws: whether the member comes back, when, and what they buy. */
function drawFor(rng: ReturnType<typeof random>) {
  return {
    chance: rng.next(),
    offset: rng.int(1, 13) * DAY + rng.int(0, 8) * 3_600_000,
    drink: rng.pick(DRINKS),
    qty: rng.int(1, 3),
    method: rng.pick(["wechat", "alipay"]),
  };
}

/** The purchase that followed an action, if the member came back by today (the chance by group). */
async function comeBack(depsAt: DepsAt, owner: StaffCaller, acted: Acted, draw: ReturnType<typeof drawFor>) {
  const group = groupOf(owner.merchantId, acted.program, acted.member.id, acted.percent);
  if (draw.chance >= (group === "h" ? RETURNS.heldOut : RETURNS.treated)) return;
  const at = new Date(Date.parse(acted.at) + draw.offset).toISOString();
  if (at > new Date().toISOString()) return;
  const { drink, qty } = draw;
  await recordPurchase(depsAt(at), owner, {
    orderId: `demo-back-${acted.program.replace(":", "-")}-${acted.member.id}`,
    memberId: acted.member.id,
    storeId: acted.member.homeStoreId,
    paymentMethod: draw.method,
    at,
    total: qty * drink.unitPrice,
    lines: [{ ...drink, qty }],
  });
}

/** Half the members reached by the 30-day step 12 days ago, the other half by the 60-day step 8 days ago. */
async function ladder(depsAt: DepsAt, owner: StaffCaller, members: Member[]): Promise<Acted[]> {
  const settings = await getAutomation(depsAt(new Date().toISOString()), owner.merchantId);
  const steps = settings.wakeup.steps.map((step) => ({ ...step, holdoutPercent: 25 }));
  await updateAutomation(depsAt(new Date().toISOString()), owner, { wakeup: { steps } });
  const acted: Acted[] = [];
  for (const [i, step] of steps.slice(0, 2).entries()) {
    const at = morning(i === 0 ? 12 : 8);
    const ctx = await jobContext(depsAt(at), "wakeup", owner.merchantId, localDate(at, TIME_ZONE));
    const program = `wakeup:${step.days}`;
    const reached = members.filter((_, n) => n % 2 === i);
    await inBatches(reached, (member) =>
      actOnce(ctx, member, `wakeup#${step.days}#${addDays(ctx.date, -step.days)}`, {
        program,
        holdoutPercent: step.holdoutPercent,
        couponTemplateId: step.couponTemplateId,
        sms: { body: step.body, purpose: program, variables: { days: step.days } },
      }),
    );
    acted.push(...reached.map((member) => ({ member, program, percent: step.holdoutPercent, at })));
  }
  return acted;
}

/** A campaign to every member four weeks ago (its window closed before the ladder ran), holding out 20 %. */
async function campaign(depsAt: DepsAt, owner: StaffCaller, members: Member[]): Promise<Acted[]> {
  const at = morning(28);
  const deps = depsAt(at);
  const segment = await saveSegment(deps, owner, null, { name: "全体会员", filter: {} });
  const saved = await saveCampaign(deps, owner, null, {
    name: "老客回馈日",
    segmentId: segment.id,
    kind: "once",
    date: localDate(at, TIME_ZONE),
    smsBody: "{name}，{merchant}老客回馈日，本周到店任意饮品第二杯半价！",
    conversionDays: 14,
    holdoutPercent: 20,
  });
  await runJob(deps, "campaigns", owner.merchantId, localDate(at, TIME_ZONE));
  const program = `campaign:${saved.id}`;
  return members.map((member) => ({ member, program, percent: 20, at }));
}

export async function holdoutDemo(depsAt: DepsAt, owner: StaffCaller): Promise<void> {
  const deps = depsAt(new Date().toISOString());
  const members = (await collectPages((cursor) => searchMembers(deps, owner, {}, 100, cursor))).filter(
    (member) => member.status === "active",
  );
  const rng = random(18);
  const acted = [...(await campaign(depsAt, owner, members)), ...(await ladder(depsAt, owner, members))];
  // The chances drawn in order first, so the same seed gives the same purchases; then written 6 at a time.
  const draws = acted.map((action) => ({ action, draw: drawFor(rng) }));
  await inBatches(draws, ({ action, draw }) => comeBack(depsAt, owner, action, draw));
}
