/** Points mall (积分商城) rewards: a gift or a coupon, with stock, bought with points. */
import { ValidationError } from "../errors.js";
import { oneOf, optionalText, requiredText } from "../validate.js";

export interface Reward {
  id: string;
  merchantId: string;
  name: string;
  description?: string;
  /** gift (a physical item handed over in store) or coupon (a coupon of couponTemplateId is issued). */
  kind: "gift" | "coupon";
  couponTemplateId?: string;
  pointsCost: number;
  /** Units left; null = unlimited. */
  stock: number | null;
  /** Most units one member may take; null = no limit. */
  perMemberLimit: number | null;
  status: "active" | "paused";
  createdAt: string;
  updatedAt: string;
}

export interface RewardInput {
  name?: string | null;
  description?: string | null;
  kind?: string | null;
  couponTemplateId?: string | null;
  pointsCost?: number | null;
  stock?: number | null;
  unlimited?: boolean | null;
  perMemberLimit?: number | null;
  /** active or paused; anything else is refused by parseReward. */
  status?: string | null;
}

function whole(field: string, value: unknown, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
    throw new ValidationError(field, `${field} must be a whole number from ${min} to ${max}`);
  return value as number;
}

function kindOf(input: RewardInput, base: Partial<Reward>): Pick<Reward, "kind" | "couponTemplateId"> {
  const kind = oneOf("kind", input.kind ?? base.kind ?? "gift", ["gift", "coupon"] as const);
  if (kind === "gift") return { kind, couponTemplateId: undefined };
  return {
    kind,
    couponTemplateId: requiredText("couponTemplateId", input.couponTemplateId ?? base.couponTemplateId, 64),
  };
}

/** A reward from input, over an existing one when updating. */
export function parseReward(input: RewardInput, base: Omit<Reward, "name" | "pointsCost"> & Partial<Reward>): Reward {
  const status = input.status ?? base.status;
  if (status !== "active" && status !== "paused")
    throw new ValidationError("status", "status must be active or paused");
  return {
    ...base,
    name: requiredText("name", input.name ?? base.name, 40),
    description:
      input.description === undefined ? base.description : optionalText("description", input.description, 200),
    ...kindOf(input, base),
    pointsCost: whole("pointsCost", input.pointsCost ?? base.pointsCost, 1, 10_000_000),
    stock: input.unlimited
      ? null
      : input.stock != null
        ? whole("stock", input.stock, 0, 10_000_000)
        : (base.stock ?? null),
    perMemberLimit:
      input.perMemberLimit === undefined
        ? (base.perMemberLimit ?? null)
        : input.perMemberLimit === null
          ? null
          : whole("perMemberLimit", input.perMemberLimit, 1, 1000),
    status,
  };
}
