/** How members are shown: gender, channel, birthday, consent and the card code. */
import { Box, Chip, Typography, type TypographyProps } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import { choicesFor } from "../common/choices";
import { useFormatDateTime } from "../merchant/DateTimeField";

export const genderChoices = choicesFor("resources.members.gender", ["female", "male", "unknown"] as const);
export const channelChoices = choicesFor("resources.members.channel", [
  "qr",
  "tap",
  "mini_program",
  "pos",
  "online",
  "import",
  "referral",
  "staff",
] as const);

export interface MemberRecord {
  id: string;
  phone: string;
  name: string;
  gender: string;
  birthday?: { month: number; day: number; year?: number | null } | null;
  homeStoreId: string;
  homeStore?: { id: string; name: string; city: string } | null;
  channel: string;
  memberCode: string;
  marketingSms?: { granted: boolean; at: string; channel: string } | null;
  phoneMasked?: string;
  guideId?: string | null;
  guide?: { id: string; name: string; username: string } | null;
  cardPayload?: string;
  tags?: string[];
  version?: number;
  joinedAt: string;
  created?: boolean;
}

/** A card code in groups of four for reading aloud: 7KQ2M9XH4T → 7KQ2 M9XH 4T. */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join(" ") ?? code;
}

export function MemberCodeField({
  size = "normal",
  ...props
}: { size?: "normal" | "large" } & TypographyProps & { label?: string }) {
  const record = useRecordContext<MemberRecord>();
  if (!record?.memberCode) return null;
  const { label: _label, ...typography } = props;
  return (
    <Typography
      component="span"
      data-testid="member-code"
      variant={size === "large" ? "h3" : "body2"}
      sx={{ fontFamily: "monospace", letterSpacing: size === "large" ? "0.12em" : "0.05em", whiteSpace: "nowrap" }}
      {...typography}
    >
      {groupCode(record.memberCode)}
    </Typography>
  );
}

export function BirthdayField(_props: { label?: string }) {
  const record = useRecordContext<MemberRecord>();
  const translate = useTranslate();
  const birthday = record?.birthday;
  if (!birthday) return <Typography variant="body2">—</Typography>;
  const key = birthday.year ? "resources.members.birthday_format_year" : "resources.members.birthday_format";
  return <Typography variant="body2">{translate(key, birthday)}</Typography>;
}

export function ConsentField(_props: { label?: string }) {
  const record = useRecordContext<MemberRecord>();
  const translate = useTranslate();
  const format = useFormatDateTime();
  const consent = record?.marketingSms;
  if (!consent) return <Typography variant="body2">{translate("resources.members.consent.none")}</Typography>;
  if (!consent.granted)
    return <Typography variant="body2">{translate("resources.members.consent.refused")}</Typography>;
  return (
    <Typography variant="body2">
      {translate("resources.members.consent.granted", {
        date: format(consent.at),
        channel: translate(`resources.members.channel.${consent.channel}`),
      })}
    </Typography>
  );
}

/** The member's tags as small chips. */
export function TagsField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<MemberRecord>();
  const tags = record?.tags ?? [];
  if (tags.length === 0) return null;
  return (
    <Box component="span" data-testid="member-tags" sx={{ display: "inline-flex", flexWrap: "wrap", gap: 0.5 }}>
      {tags.map((tag) => (
        <Chip key={tag} label={tag} size="small" />
      ))}
    </Box>
  );
}
