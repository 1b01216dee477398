/** When a campaign runs, in words: 2026-08-01, or 每月 8 号（2026-08-01 起）. */
import { useTranslate } from "react-admin";
import type { CampaignRecord } from "./fields";

const C = "resources.campaigns";

export function ScheduleText({
  record,
}: {
  record: Pick<CampaignRecord, "kind" | "date" | "dayOfMonth" | "from" | "until">;
}) {
  const translate = useTranslate();
  if (record.kind === "once") return <>{translate(`${C}.schedule.once`, { date: record.date })}</>;
  const key = record.until ? "monthly_until" : "monthly";
  return <>{translate(`${C}.schedule.${key}`, { day: record.dayOfMonth, from: record.from, until: record.until })}</>;
}
