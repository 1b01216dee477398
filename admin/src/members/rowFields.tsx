/**
 * The member list's columns a merchant scans: phone the Chinese way, and the
 * account figures (等级, 积分, 储值余额, 消费次数, 最近消费) the row reads with it.
 */
import { Typography } from "@mui/material";
import { useRecordContext } from "react-admin";
import { formatFen } from "../common/fen";
import { formatPhone } from "../common/phone";
import { useFormatDateTime } from "../merchant/DateTimeField";
import type { MemberRow } from "./memberRow";

type ColumnProps = { label?: string; source?: string };

const Text = ({ children, testId }: { children: React.ReactNode; testId?: string }) => (
  <Typography component="span" variant="body2" data-testid={testId} sx={{ whiteSpace: "nowrap" }}>
    {children}
  </Typography>
);

/** +8613800138000 → 138 0013 8000; a clerk's masked phone 138****8000 → 138 **** 8000. */
export function PhoneField(_props: ColumnProps) {
  const record = useRecordContext<MemberRow>();
  return <Text>{formatPhone(record?.phone)}</Text>;
}

export function TierField(_props: ColumnProps) {
  const record = useRecordContext<MemberRow>();
  return <Text>{record?.account?.tierName ?? ""}</Text>;
}

export function PointsField(_props: ColumnProps) {
  const record = useRecordContext<MemberRow>();
  return <Text>{record?.account ? record.account.available.toLocaleString("en-US") : ""}</Text>;
}

/** Stored value left, principal and bonus together, in yuan. */
export function StoredValueField(_props: ColumnProps) {
  const record = useRecordContext<MemberRow>();
  const account = record?.account;
  return <Text>{account ? formatFen(account.storedValuePrincipal + account.storedValueBonus) : ""}</Text>;
}

export function VisitsField(_props: ColumnProps) {
  const record = useRecordContext<MemberRow>();
  return <Text>{record?.account?.visits ?? ""}</Text>;
}

/** The last visit's date in the merchant's time zone; — before the first. */
export function LastVisitField(_props: ColumnProps) {
  const record = useRecordContext<MemberRow>();
  const format = useFormatDateTime();
  const at = record?.account?.lastVisitAt;
  return <Text>{at ? format(at, false) : "—"}</Text>;
}
