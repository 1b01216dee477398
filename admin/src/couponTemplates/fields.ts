/**
 * Coupon templates (券模板) as the console edits them: the record the API
 * returns, the form's values (money in fen, validity as calendar dates in the
 * merchant's time zone), the checks the API makes (functions/core/coupons/
 * templates.ts parseTemplate), and the input sent on create or edit.
 */
import { choicesFor } from "../common/choices";
import { fenIn } from "../common/fen";
import { addDays, justBefore, localDate, startOfDay } from "../common/zonedDate";
import { textIn, wholeIn, type Message } from "../loyalty/validation";

export const COUPON_KINDS = ["threshold", "amount_off", "percent_off", "gift"] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

const T = "resources.couponTemplates";
export const kindChoices = choicesFor(`${T}.kind`, COUPON_KINDS);
export const stackingChoices = choicesFor(`${T}.stacking`, ["exclusive", "stackable"] as const);
export const validityChoices = choicesFor(`${T}.validity`, ["relative", "fixed"] as const);
export const statusChoices = choicesFor(`${T}.status`, ["active", "paused"] as const);

/** What a coupon does: shared by templates and the coupons issued from them. */
export interface CouponTerms {
  kind: string;
  amountOff?: number | null;
  percentOff?: number | null;
  maxDiscount?: number | null;
  threshold?: number | null;
  giftSku?: string | null;
  minSpend: number;
}

export interface CouponTemplateRecord extends CouponTerms {
  id: string;
  name: string;
  description: string | null;
  kind: CouponKind;
  storeIds: string[];
  tierIds: string[];
  categories: string[];
  stacking: "exclusive" | "stackable";
  priority: number;
  validityType: "fixed" | "relative";
  validFrom: string | null;
  validUntil: string | null;
  validDays: number | null;
  totalStock: number | null;
  issued: number;
  perMemberLimit: number | null;
  status: "active" | "paused";
  createdAt: string;
  updatedAt: string;
}

export interface TemplateFormValues {
  id?: string;
  name?: string;
  description?: string | null;
  kind?: CouponKind;
  amountOff?: number | null;
  percentOff?: number | null;
  maxDiscount?: number | null;
  threshold?: number | null;
  giftSku?: string | null;
  minSpend?: number | null;
  storeIds?: string[];
  tierIds?: string[];
  categories?: string[];
  stacking?: "exclusive" | "stackable";
  priority?: number | null;
  validityType?: "fixed" | "relative";
  validDays?: number | null;
  /** First valid day, YYYY-MM-DD in the merchant's time zone. */
  validFromDate?: string | null;
  /** Last valid day (inclusive), YYYY-MM-DD in the merchant's time zone. */
  validUntilDate?: string | null;
  unlimitedStock?: boolean;
  totalStock?: number | null;
  issued?: number;
  perMemberLimit?: number | null;
  status?: "active" | "paused";
}

/** Yuan for labels: whole yuan without decimals (满100减20), else two decimals. */
export const shortYuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** 10 (% off) → "9" (折); 15 → "8.5". */
export const zhe = (percentOff: number) => String((100 - percentOff) / 10);

/** What a coupon is worth, in words: 满100减20, 9折（最多减¥30）, 立减¥10, 赠送 SKU; with its minimum spend. */
export function couponValue(
  terms: CouponTerms,
  translate: (key: string, options?: Record<string, unknown>) => string,
): string {
  const key = `${T}.value`;
  let text: string;
  switch (terms.kind) {
    case "threshold":
      text = translate(`${key}.threshold`, {
        threshold: shortYuan(terms.threshold ?? 0),
        amount: shortYuan(terms.amountOff ?? 0),
      });
      break;
    case "amount_off":
      text = translate(`${key}.amount_off`, { amount: shortYuan(terms.amountOff ?? 0) });
      break;
    case "percent_off":
      text = terms.maxDiscount
        ? translate(`${key}.percent_off_capped`, {
            zhe: zhe(terms.percentOff ?? 0),
            percent: terms.percentOff ?? 0,
            cap: shortYuan(terms.maxDiscount),
          })
        : translate(`${key}.percent_off`, { zhe: zhe(terms.percentOff ?? 0), percent: terms.percentOff ?? 0 });
      break;
    case "gift":
      text = translate(`${key}.gift`, { sku: terms.giftSku ?? "" });
      break;
    default:
      text = terms.kind;
  }
  return terms.minSpend > 0 ? text + translate(`${key}.min_spend`, { min: shortYuan(terms.minSpend) }) : text;
}

/** A new template's starting values. */
export const NEW_TEMPLATE: TemplateFormValues = {
  kind: "threshold",
  minSpend: 0,
  storeIds: [],
  tierIds: [],
  categories: [],
  stacking: "exclusive",
  priority: 100,
  validityType: "relative",
  validDays: 30,
  unlimitedStock: true,
  totalStock: null,
  issued: 0,
  perMemberLimit: null,
  status: "active",
};

/** A stored template as the form edits it: fixed validity as the first and last valid day. */
export function templateFormValues(record: CouponTemplateRecord, timeZone: string | undefined): TemplateFormValues {
  return {
    ...record,
    validFromDate: record.validFrom ? localDate(record.validFrom, timeZone) : null,
    validUntilDate: record.validUntil ? localDate(justBefore(record.validUntil), timeZone) : null,
    unlimitedStock: record.totalStock === null,
  };
}

type Errors = Record<string, Message>;
const put = (errors: Errors, field: string, message: Message | undefined) => {
  if (message) errors[field] = message;
};

/** The API's checks, so a form it would refuse is stopped here with the reason at the input. */
export function validateTemplate(values: TemplateFormValues): Errors {
  const errors: Errors = {};
  put(errors, "name", textIn(values.name, 40));
  put(errors, "description", textIn(values.description, 200, false));
  if (!values.kind || !COUPON_KINDS.includes(values.kind)) errors.kind = `${T}.validation.required`;
  if (values.kind === "amount_off") put(errors, "amountOff", fenIn(values.amountOff, 1));
  if (values.kind === "threshold") {
    put(errors, "threshold", fenIn(values.threshold, 1));
    put(errors, "amountOff", fenIn(values.amountOff, 1));
    if (!errors.threshold && !errors.amountOff && (values.amountOff as number) >= (values.threshold as number))
      errors.amountOff = `${T}.validation.below_threshold`;
  }
  if (values.kind === "percent_off") {
    put(errors, "percentOff", wholeIn(values.percentOff, 1, 99));
    put(errors, "maxDiscount", fenIn(values.maxDiscount, 1, undefined, true));
  }
  if (values.kind === "gift") put(errors, "giftSku", textIn(values.giftSku, 64));
  put(errors, "minSpend", fenIn(values.minSpend ?? 0, 0));
  put(errors, "priority", wholeIn(values.priority, 0, 1000));
  if ((values.categories ?? []).length > 100)
    errors.categories = { message: "resources.loyalty.validation.max_items", args: { max: 100 } };
  if ((values.categories ?? []).some((category) => [...category.trim()].length > 64))
    errors.categories = { message: "resources.loyalty.validation.max_length", args: { max: 64 } };
  if (values.validityType === "fixed") {
    if (!values.validFromDate) errors.validFromDate = `${T}.validation.required`;
    if (!values.validUntilDate) errors.validUntilDate = `${T}.validation.required`;
    if (values.validFromDate && values.validUntilDate && values.validUntilDate < values.validFromDate)
      errors.validUntilDate = `${T}.validation.until_before_from`;
  } else {
    put(errors, "validDays", wholeIn(values.validDays, 1, 3650));
  }
  if (!values.unlimitedStock) {
    const issued = values.issued ?? 0;
    put(errors, "totalStock", wholeIn(values.totalStock, 0, 10_000_000));
    if (!errors.totalStock && (values.totalStock as number) < issued)
      errors.totalStock = { message: `${T}.validation.below_issued`, args: { issued } };
  }
  if (values.perMemberLimit !== null && values.perMemberLimit !== undefined)
    put(errors, "perMemberLimit", wholeIn(values.perMemberLimit, 1, 1000));
  return errors;
}

/** The kind's own amounts; the others are not sent. */
function kindFields(values: TemplateFormValues): Record<string, unknown> {
  switch (values.kind) {
    case "amount_off":
      return { amountOff: values.amountOff };
    case "threshold":
      return { threshold: values.threshold, amountOff: values.amountOff };
    case "percent_off":
      return { percentOff: values.percentOff, maxDiscount: values.maxDiscount ?? null };
    case "gift":
      return { giftSku: values.giftSku?.trim() };
    default:
      return {};
  }
}

/** Fixed validity runs from the first day's start to the end of the last day, in the merchant's time zone. */
function validityFields(values: TemplateFormValues, timeZone: string | undefined): Record<string, unknown> {
  if (values.validityType === "fixed") {
    // Without both days nothing valid can be sent; the form's check stops it first.
    if (!values.validFromDate || !values.validUntilDate) return {};
    return {
      validFrom: startOfDay(values.validFromDate, timeZone),
      validUntil: startOfDay(addDays(values.validUntilDate, 1), timeZone),
    };
  }
  return { validDays: values.validDays };
}

const cleanList = (items: string[] | undefined) => [
  ...new Set((items ?? []).map((item) => item.trim()).filter(Boolean)),
];

/** A new template as CouponTemplateInput. */
export function templateInput(values: TemplateFormValues, timeZone: string | undefined): Record<string, unknown> {
  const kind = kindFields(values);
  if (kind.maxDiscount === null) delete kind.maxDiscount;
  return {
    name: values.name?.trim(),
    description: values.description?.trim() || undefined,
    kind: values.kind,
    ...kind,
    minSpend: values.minSpend ?? 0,
    storeIds: values.storeIds ?? [],
    tierIds: values.tierIds ?? [],
    categories: cleanList(values.categories),
    stacking: values.stacking,
    priority: values.priority,
    ...validityFields(values, timeZone),
    ...(values.unlimitedStock ? { unlimitedStock: true } : { totalStock: values.totalStock }),
    perMemberLimit: values.perMemberLimit ?? undefined,
    status: values.status,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What an edit changed, as CouponTemplateInput. Fields left alone stay out,
 * so saving a new name never writes back a stock total read while coupons
 * were being issued; a cleared limit or cap goes as null, a cleared description as "".
 */
export function templateChanges(
  values: TemplateFormValues,
  record: CouponTemplateRecord,
  timeZone: string | undefined,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const name = values.name?.trim() ?? "";
  if (name !== record.name) input.name = name;
  const description = values.description?.trim() ?? "";
  if (description !== (record.description ?? "")) input.description = description;
  const kindChanged = values.kind !== record.kind;
  if (kindChanged) input.kind = values.kind;
  for (const [field, value] of Object.entries(kindFields(values))) {
    if (kindChanged || !same(value, record[field as keyof CouponTemplateRecord])) input[field] = value;
  }
  if ((values.minSpend ?? 0) !== record.minSpend) input.minSpend = values.minSpend ?? 0;
  if (!same(values.storeIds ?? [], record.storeIds)) input.storeIds = values.storeIds ?? [];
  if (!same(values.tierIds ?? [], record.tierIds)) input.tierIds = values.tierIds ?? [];
  const categories = cleanList(values.categories);
  if (!same(categories, record.categories)) input.categories = categories;
  if (values.stacking !== record.stacking) input.stacking = values.stacking;
  if (values.priority !== record.priority) input.priority = values.priority;
  const validity = validityFields(values, timeZone);
  const recordValidity =
    record.validityType === "fixed"
      ? { validFrom: record.validFrom, validUntil: record.validUntil }
      : { validDays: record.validDays };
  if (!same(validity, recordValidity)) Object.assign(input, validity);
  if (values.unlimitedStock && record.totalStock !== null) input.unlimitedStock = true;
  if (!values.unlimitedStock && values.totalStock !== record.totalStock) input.totalStock = values.totalStock;
  const limit = values.perMemberLimit ?? null;
  if (limit !== record.perMemberLimit) input.perMemberLimit = limit;
  if (values.status !== record.status) input.status = values.status;
  return input;
}
