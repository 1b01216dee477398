/**
 * Rewards not given (未发放): the members a coupon could not be given to —
 * a birthday or wake-up coupon whose template sold out, a welcome pack
 * paused, a member at the template's limit — so an operator sees them and
 * can add stock, instead of members silently going without.
 */
import { requireStaff, storeScope, type Caller } from "../core/access.js";
import { ValidationError } from "../core/errors.js";
import { addDays } from "../core/time.js";
import { getTemplates } from "../data/coupons.js";
import { listShortfalls, type Shortfall } from "../data/shortfalls.js";
import type { Deps } from "./deps.js";

/** The longest range asked for at once. */
export const MAX_SHORTFALL_DAYS = 92;

export interface ShortfallRow extends Shortfall {
  /** The template's name (its id when the template is gone). */
  templateName: string;
}

/** Owner or manager: who went without a coupon on the local days `from`..`to`, by day, store, template and why. */
export async function couponShortfalls(
  deps: Deps,
  caller: Caller,
  input: { from: string; to: string },
): Promise<ShortfallRow[]> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  if (input.from > input.to) throw new ValidationError("from", "from must not be after to");
  if (addDays(input.from, MAX_SHORTFALL_DAYS - 1) < input.to)
    throw new ValidationError("to", `A range covers at most ${MAX_SHORTFALL_DAYS} days`);
  const scope = storeScope(staff);
  const rows = (await listShortfalls(deps.db, staff.merchantId, input.from, input.to)).filter(
    (row) => !scope || scope.includes(row.storeId),
  );
  const ids = [...new Set(rows.map((row) => row.templateId))];
  const templates = ids.length ? await getTemplates(deps.db, staff.merchantId, ids) : new Map();
  return rows.map((row) => ({ ...row, templateName: templates.get(row.templateId)?.name ?? row.templateId }));
}
