/**
 * Coupons not given (未发放): the members a coupon could not be given to
 * automatically (birthday, wake-up, campaigns, the welcome pack, referrals),
 * as couponShortfalls reports them by day, store, template, occasion and
 * reason; summed here by template, occasion and reason for the template
 * list's banner and the dashboard's card.
 */
import { useQuery } from "@tanstack/react-query";
import { addDays } from "../common/zonedDate";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { CouponShortfallsQuery, CouponShortfallsQueryVariables } from "../generated/graphql";

const COUPON_SHORTFALLS: Document<CouponShortfallsQuery, CouponShortfallsQueryVariables> = /* GraphQL */ `
  query couponShortfalls($from: String!, $to: String!) {
    couponShortfalls(from: $from, to: $to) {
      date
      storeId
      templateId
      templateName
      source
      reason
      members
    }
  }
`;

export type ShortfallRow = CouponShortfallsQuery["couponShortfalls"][number];

/** The API's longest range (functions/app/shortfalls.ts MAX_SHORTFALL_DAYS). */
export const MAX_SHORTFALL_DAYS = 92;

/** One template, occasion and reason over the range: the members who went without, and the last day it happened. */
export interface ShortfallLine {
  templateId: string;
  templateName: string;
  source: string;
  reason: string;
  members: number;
  lastDate: string;
}

/** The last MAX_SHORTFALL_DAYS days of from..to (the whole range when shorter), and whether it was cut. */
export function clipRange(from: string, to: string): { from: string; to: string; clipped: boolean } {
  const earliest = addDays(to, -(MAX_SHORTFALL_DAYS - 1));
  return from < earliest ? { from: earliest, to, clipped: true } : { from, to, clipped: false };
}

/** The rows summed by template, occasion and reason (of one store when given), most members first. */
export function shortfallLines(rows: readonly ShortfallRow[], storeId?: string): ShortfallLine[] {
  const lines = new Map<string, ShortfallLine>();
  for (const row of rows) {
    if (storeId && row.storeId !== storeId) continue;
    const key = [row.templateId, row.source, row.reason].join("\u0000");
    const line = lines.get(key);
    if (line) {
      line.members += row.members;
      if (row.date > line.lastDate) line.lastDate = row.date;
    } else
      lines.set(key, {
        templateId: row.templateId,
        templateName: row.templateName,
        source: row.source,
        reason: row.reason,
        members: row.members,
        lastDate: row.date,
      });
  }
  return [...lines.values()].sort((a, b) => b.members - a.members || b.lastDate.localeCompare(a.lastDate));
}

const T = "resources.couponTemplates";

/** A line in words: 生日礼「生日券」库存不足，9 位会员未收到. */
export function shortfallText(line: ShortfallLine, translate: (key: string, options?: object) => string): string {
  return translate(`${T}.shortfalls.line`, {
    source: translate(`${T}.sources.${line.source}`, { _: line.source }),
    name: line.templateName,
    reason: translate(`${T}.reasons.${line.reason}`, { _: line.reason }),
    count: line.members,
  });
}

/** Owners fix a template on its edit page (stock, status, validity); a deleted one has none. */
export const canFix = (line: ShortfallLine, owner: boolean) => owner && line.reason !== "TEMPLATE_GONE";

/** The shortfalls of the local days from..to (at most MAX_SHORTFALL_DAYS); nothing is asked until both are known. */
export function useCouponShortfalls(range: { from: string; to: string } | undefined) {
  const request = useRequest();
  return useQuery({
    queryKey: ["couponShortfalls", range?.from, range?.to],
    enabled: Boolean(range),
    staleTime: 60_000,
    queryFn: async () => (await request(COUPON_SHORTFALLS, { from: range!.from, to: range!.to })).couponShortfalls,
  });
}
