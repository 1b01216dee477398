/**
 * Coupon templates (券模板) and the coupons issued from them. A coupon carries
 * a copy of its template's terms, so editing a template never changes a
 * coupon a member already holds. Amounts are integer fen.
 */
import { ValidationError } from "../errors.js";
import type { MemberContact } from "../model.js";
import { oneOf, optionalText, requiredText } from "../validate.js";

export const COUPON_KINDS = ["amount_off", "percent_off", "threshold", "gift"] as const;
/** amount_off 代金券 · percent_off 折扣券 (with a cap) · threshold 满减 (满100减20) · gift 兑换券 (one unit of a SKU free). */
export type CouponKind = (typeof COUPON_KINDS)[number];

export const COUPON_SOURCES = [
  "manual",
  "claim",
  "welcome",
  "reward",
  "referral",
  "birthday",
  "wakeup",
  "campaign",
] as const;
export type CouponSource = (typeof COUPON_SOURCES)[number];

/** What a coupon does and where it applies: copied onto every coupon at issue. */
export interface CouponTerms {
  name: string;
  kind: CouponKind;
  /** amount_off and threshold: fen off. */
  amountOff?: number;
  /** percent_off: percent off the eligible amount (1–99). */
  percentOff?: number;
  /** percent_off: the most it takes off, fen; none = no cap. */
  maxDiscount?: number;
  /** threshold: the eligible spend (fen) the basket must reach (满 X). */
  threshold?: number;
  /** gift: the SKU one unit of which becomes free. */
  giftSku?: string;
  /** Minimum eligible spend before this coupon, fen (0 = none). */
  minSpend: number;
  /** Only in these stores (empty = every store). */
  storeIds: string[];
  /** Only for members in these tiers (empty = every tier). */
  tierIds: string[];
  /** Only lines in these categories count (empty = every line). */
  categories: string[];
  /** exclusive: no other coupon on the order; stackable: combines with other stackable coupons. */
  stacking: "exclusive" | "stackable";
  /** Order of application: lower first. */
  priority: number;
}

export type Validity = { type: "fixed"; from: string; until: string } | { type: "relative"; days: number };

export interface CouponTemplate extends CouponTerms {
  id: string;
  merchantId: string;
  description?: string;
  validity: Validity;
  /** Coupons that may ever be issued; null = unlimited. */
  totalStock: number | null;
  /** How many have been issued. */
  issued: number;
  /** Most coupons of this template one member may hold over time; null = no limit. */
  perMemberLimit: number | null;
  status: "active" | "paused";
  createdAt: string;
  updatedAt: string;
}

export const COUPON_STATES = ["issued", "reserved", "redeemed", "expired", "revoked"] as const;
export type CouponState = (typeof COUPON_STATES)[number];

export interface Coupon {
  code: string;
  merchantId: string;
  templateId: string;
  memberId: string;
  /** Stored state; "expired" is derived from validUntil (see couponState). */
  status: "issued" | "reserved" | "redeemed" | "revoked";
  terms: CouponTerms;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  source: CouponSource;
  /** What issued it (request, order, reward redemption…). */
  ref: string;
  /** The automation step or campaign that gave it (its results count the discount when it is redeemed). */
  program?: string;
  /** A checkout hold: nobody else can use the coupon until it lapses or is released. */
  reservation?: { holdId: string; until: string };
  redeemed?: { orderId: string; at: string; discount: number };
  revoked?: { at: string; by: string; reason: string };
  /** The member's home store when issued: the store whose liability report shows it. */
  storeId?: string | null;
  /** Whether the dashboard counted it open when last written (see core/stats.ts). */
  countedOpen?: boolean;
  /**
   * While usable: its member's contact, so the expiry reminder reads no member item (written at issue and by
   * each member change; absent on older coupons and once used or revoked).
   */
  contact?: MemberContact;
  version: number;
}

export interface TemplateInput {
  name?: string | null;
  description?: string | null;
  kind?: string | null;
  amountOff?: number | null;
  percentOff?: number | null;
  maxDiscount?: number | null;
  threshold?: number | null;
  giftSku?: string | null;
  minSpend?: number | null;
  storeIds?: string[] | null;
  tierIds?: string[] | null;
  categories?: string[] | null;
  stacking?: string | null;
  priority?: number | null;
  validFrom?: string | null;
  validUntil?: string | null;
  validDays?: number | null;
  totalStock?: number | null;
  unlimitedStock?: boolean | null;
  perMemberLimit?: number | null;
  status?: string | null;
}

function fen(field: string, value: unknown, min = 1): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > 100_000_000)
    throw new ValidationError(field, `${field} must be a whole number of fen from ${min} to 100000000`);
  return value as number;
}

function whole(field: string, value: unknown, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
    throw new ValidationError(field, `${field} must be a whole number from ${min} to ${max}`);
  return value as number;
}

function instant(field: string, value: unknown): string {
  const text = requiredText(field, value, 40);
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new ValidationError(field, `${field} must be an ISO-8601 time`);
  return new Date(at).toISOString();
}

function list(field: string, value: unknown, max: number): string[] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw new ValidationError(field, `${field} must be a list`);
  if (value.length > max) throw new ValidationError(field, `${field} has at most ${max} entries`);
  return [...new Set(value.map((item, i) => requiredText(`${field}.${i}`, item, 64)))];
}

/** A template from input, over the current one when editing (a field left out keeps its value). */
export function parseTemplate(
  input: TemplateInput,
  base: Omit<CouponTemplate, keyof CouponTerms | "validity"> & Partial<CouponTemplate>,
): CouponTemplate {
  const pick = <K extends keyof TemplateInput>(name: K) => (input[name] === undefined ? undefined : input[name]);
  const kind = oneOf("kind", pick("kind") ?? base.kind, COUPON_KINDS);
  const terms: CouponTerms = {
    name: requiredText("name", pick("name") ?? base.name, 40),
    kind,
    minSpend: pick("minSpend") != null ? fen("minSpend", input.minSpend, 0) : (base.minSpend ?? 0),
    storeIds: pick("storeIds") !== undefined ? list("storeIds", input.storeIds, 200) : (base.storeIds ?? []),
    tierIds: pick("tierIds") !== undefined ? list("tierIds", input.tierIds, 20) : (base.tierIds ?? []),
    categories: pick("categories") !== undefined ? list("categories", input.categories, 100) : (base.categories ?? []),
    stacking: oneOf("stacking", pick("stacking") ?? base.stacking ?? "exclusive", ["exclusive", "stackable"] as const),
    priority: pick("priority") != null ? whole("priority", input.priority, 0, 1000) : (base.priority ?? 100),
  };
  const value = <T>(name: keyof TemplateInput & keyof CouponTerms) =>
    (input[name] !== undefined ? input[name] : base[name]) as T | null | undefined;
  if (kind === "amount_off") terms.amountOff = fen("amountOff", value("amountOff"));
  if (kind === "threshold") {
    terms.threshold = fen("threshold", value("threshold"));
    terms.amountOff = fen("amountOff", value("amountOff"));
    if (terms.amountOff >= terms.threshold)
      throw new ValidationError("amountOff", "A 满减 coupon must take off less than its threshold");
  }
  if (kind === "percent_off") {
    terms.percentOff = whole("percentOff", value("percentOff"), 1, 99);
    const cap = value<number>("maxDiscount");
    if (cap != null) terms.maxDiscount = fen("maxDiscount", cap);
  }
  if (kind === "gift") terms.giftSku = requiredText("giftSku", value("giftSku"), 64);

  const validity = parseValidity(input, base.validity);
  const status = oneOf("status", pick("status") ?? base.status, ["active", "paused"] as const);
  const totalStock = input.unlimitedStock
    ? null
    : input.totalStock != null
      ? whole("totalStock", input.totalStock, 0, 10_000_000)
      : (base.totalStock ?? null);
  if (totalStock !== null && totalStock < base.issued)
    throw new ValidationError("totalStock", `${base.issued} coupons were already issued; the total cannot be lower`);
  return {
    ...base,
    ...terms,
    description:
      input.description === undefined ? base.description : optionalText("description", input.description, 200),
    validity,
    totalStock,
    perMemberLimit:
      input.perMemberLimit === undefined
        ? (base.perMemberLimit ?? null)
        : input.perMemberLimit === null
          ? null
          : whole("perMemberLimit", input.perMemberLimit, 1, 1000),
    status,
  };
}

function parseValidity(input: TemplateInput, base: Validity | undefined): Validity {
  if (input.validDays != null && (input.validFrom != null || input.validUntil != null))
    throw new ValidationError("validDays", "Give either validDays or validFrom and validUntil, not both");
  if (input.validDays != null) return { type: "relative", days: whole("validDays", input.validDays, 1, 3650) };
  if (input.validFrom != null || input.validUntil != null) {
    const from = instant("validFrom", input.validFrom);
    const until = instant("validUntil", input.validUntil);
    if (until <= from) throw new ValidationError("validUntil", "validUntil must be after validFrom");
    return { type: "fixed", from, until };
  }
  if (base) return base;
  throw new ValidationError("validDays", "Give validDays (N days from issue) or validFrom and validUntil");
}

/** When a coupon issued now is valid. */
export function validityAt(
  template: Pick<CouponTemplate, "validity">,
  issuedAt: string,
): { validFrom: string; validUntil: string } {
  if (template.validity.type === "fixed")
    return { validFrom: template.validity.from, validUntil: template.validity.until };
  return {
    validFrom: issuedAt,
    validUntil: new Date(Date.parse(issuedAt) + template.validity.days * 86_400_000).toISOString(),
  };
}

/** Refuse issuing from a template that cannot give a usable coupon now. */
export function assertIssuable(template: CouponTemplate, now: string): void {
  if (template.status !== "active")
    throw new ValidationError("templateId", `Coupon template ${template.name} is paused`);
  if (template.validity.type === "fixed" && template.validity.until <= now)
    throw new ValidationError("templateId", `Coupon template ${template.name} has ended`);
}

/** Why a coupon could not be given: the template's state, or the member's limit. */
export type ShortfallReason = "OUT_OF_STOCK" | "PAUSED" | "EXPIRED" | "TEMPLATE_GONE" | "LIMIT_REACHED";

/** Why `n` coupons of a template cannot be issued now, or undefined when they can (see hasStock). */
export function stockShortfall(template: CouponTemplate | undefined, now: string, n = 1): ShortfallReason | undefined {
  if (!template) return "TEMPLATE_GONE";
  if (template.status !== "active") return "PAUSED";
  if (template.validity.type !== "relative" && template.validity.until <= now) return "EXPIRED";
  if (template.totalStock !== null && template.issued + n > template.totalStock) return "OUT_OF_STOCK";
  return undefined;
}

/** Can this template give `n` more coupons now (active, not ended, stock left)? */
export function hasStock(template: CouponTemplate | undefined, now: string, n = 1): template is CouponTemplate {
  return stockShortfall(template, now, n) === undefined;
}

/** The state a member sees: a lapsed reservation is issued again, and a coupon past its end is expired. */
export function couponState(coupon: Coupon, now: string): CouponState {
  if (coupon.status === "redeemed" || coupon.status === "revoked") return coupon.status;
  if (coupon.validUntil <= now) return "expired";
  if (coupon.status === "reserved" && coupon.reservation && coupon.reservation.until > now) return "reserved";
  return "issued";
}

/** A coupon from a template, ready to store. */
export function newCoupon(
  template: CouponTemplate,
  code: string,
  memberId: string,
  issuedAt: string,
  source: CouponSource,
  ref: string,
): Coupon {
  const terms: CouponTerms = {
    name: template.name,
    kind: template.kind,
    amountOff: template.amountOff,
    percentOff: template.percentOff,
    maxDiscount: template.maxDiscount,
    threshold: template.threshold,
    giftSku: template.giftSku,
    minSpend: template.minSpend,
    storeIds: template.storeIds,
    tierIds: template.tierIds,
    categories: template.categories,
    stacking: template.stacking,
    priority: template.priority,
  };
  return {
    code,
    merchantId: template.merchantId,
    templateId: template.id,
    memberId,
    status: "issued",
    terms: JSON.parse(JSON.stringify(terms)),
    ...validityAt(template, issuedAt),
    issuedAt,
    source,
    ref,
    version: 1,
  };
}

/** Codes are 10 readable characters; people type them with or without dashes and spaces. */
export const COUPON_CODE_LENGTH = 10;

export function normaliseCouponCode(value: unknown, field = "code"): string {
  const code = requiredText(field, value, 30).replace(/[\s-]/g, "").toUpperCase();
  if (!/^[0-9A-Z]{4,20}$/.test(code)) throw new ValidationError(field, `${field} must be letters and digits`);
  return code;
}

/** A code as printed: groups of five, e.g. 7KQ2M-X9HRT. */
export function formatCouponCode(code: string): string {
  return code.replace(/(.{5})(?=.)/g, "$1-");
}
