/** A reward's choices, its record, and the form's values as RewardInput (new, or only what an edit changed). */
import { choicesFor } from "../common/choices";

export const rewardKindChoices = choicesFor("resources.rewards.kind", ["gift", "coupon"] as const);
export const rewardStatusChoices = choicesFor("resources.rewards.status", ["active", "paused"] as const);

/** A points-mall reward as the API returns it. */
export interface RewardRecord {
  id: string;
  name: string;
  description: string | null;
  kind: "gift" | "coupon";
  couponTemplateId: string | null;
  pointsCost: number;
  /** Units left; null = unlimited. */
  stock: number | null;
  /** null = no limit. */
  perMemberLimit: number | null;
  status: "active" | "paused";
  createdAt: string;
  updatedAt: string;
}

/** The form's values: the record plus the unlimited-stock switch RewardInput has. */
export interface RewardFormValues extends Partial<RewardRecord> {
  unlimited?: boolean;
}

/** A new reward as RewardInput. */
export function rewardInput(values: RewardFormValues) {
  return {
    name: values.name?.trim(),
    description: values.description?.trim() || undefined,
    kind: values.kind,
    couponTemplateId: values.kind === "coupon" ? values.couponTemplateId : undefined,
    pointsCost: values.pointsCost,
    ...(values.unlimited ? { unlimited: true } : { stock: values.stock }),
    perMemberLimit: values.perMemberLimit ?? undefined,
    status: values.status,
  };
}

/**
 * What an edit changed, as RewardInput. Untouched fields stay out, so saving
 * a new name never writes back the stock as it was read while members were
 * redeeming; a cleared limit goes as null and a cleared description as "".
 */
export function rewardChanges(values: RewardFormValues, record: RewardRecord): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const name = values.name?.trim() ?? "";
  if (name !== record.name) input.name = name;
  const description = values.description?.trim() ?? "";
  if (description !== (record.description ?? "")) input.description = description;
  if (values.kind !== record.kind) input.kind = values.kind;
  if (values.kind === "coupon" && (values.kind !== record.kind || values.couponTemplateId !== record.couponTemplateId))
    input.couponTemplateId = values.couponTemplateId;
  if (values.pointsCost !== record.pointsCost) input.pointsCost = values.pointsCost;
  if (values.unlimited && record.stock !== null) input.unlimited = true;
  if (!values.unlimited && values.stock !== record.stock) input.stock = values.stock;
  const limit = values.perMemberLimit ?? null;
  if (limit !== record.perMemberLimit) input.perMemberLimit = limit;
  if (values.status !== record.status) input.status = values.status;
  return input;
}
