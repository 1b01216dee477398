/**
 * One member: profile, the member card (QR code and code, large enough to read
 * out), points and tier with orders and the till actions, the wallet
 * (coupons, stored value, referral), tags, guide, consent and the history of changes.
 */
import EditIcon from "@mui/icons-material/Create";
import { Box, Card, CardContent, Typography } from "@mui/material";
import { QRCodeSVG } from "qrcode.react";
import {
  Labeled,
  SelectField,
  Show,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from "react-admin";
import type { Permissions } from "../auth/permissions";
import { LabelledButton, scrollWideParts } from "../common/smallScreen";
import { DateTimeField } from "../merchant/DateTimeField";
import {
  BirthdayField,
  channelChoices,
  ConsentField,
  genderChoices,
  MemberCodeField,
  type MemberRecord,
} from "./fields";
import { EraseMemberButton, ExportMemberDataButton, MemberGuide } from "./MemberActions";
import { MemberConsentToggle } from "./MemberConsentToggle";
import { MemberTags } from "./MemberTags";
import { MemberAudit } from "./MemberAudit";
import { MemberLoyalty } from "./loyalty/MemberLoyalty";
import { MemberSegmentFacts } from "./MemberSegmentFacts";
import { PhoneField } from "./rowFields";
import { MemberWallet } from "./wallet/MemberWallet";
import { MemberRecommendations } from "./recommendations/MemberRecommendations";

const canManage = (permissions: Permissions | undefined) =>
  permissions?.role === "owner" || permissions?.role === "manager";

function Section({
  title,
  children,
  grid = true,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  grid?: boolean;
  testId?: string;
}) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ flex: "1 1 320px", minWidth: 0 }} data-testid={testId}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate(title)}
        </Typography>
        {grid ? (
          <Box sx={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(180px, 1fr))", gap: 2 }}>
            {children}
          </Box>
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}

function MemberCard() {
  const translate = useTranslate();
  const record = useRecordContext<MemberRecord>();
  return (
    <Card variant="outlined" sx={{ flex: "1 1 320px", minWidth: 0 }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("resources.members.sections.card")}
        </Typography>
        <Box sx={{ display: "flex", gap: 3, alignItems: "center", flexWrap: "wrap" }}>
          {record?.cardPayload && (
            <Box data-testid="member-qr" sx={{ p: 1, bgcolor: "#fff", lineHeight: 0 }}>
              <QRCodeSVG value={record.cardPayload} size={148} marginSize={2} title={record.memberCode} />
            </Box>
          )}
          <Labeled
            source="memberCode"
            resource="members"
            sx={{ minWidth: { xs: 0, sm: "auto" }, maxWidth: { xs: "100%", sm: "none" } }}
          >
            {/* Groups of four wrap on a phone rather than stretching the page. */}
            <MemberCodeField size="large" sx={LARGE_CODE} />
          </Labeled>
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate("resources.members.card_hint")}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** The large card code: on one line at the desk; smaller on a phone, wrapping between its groups of four. */
const LARGE_CODE = {
  fontFamily: "monospace",
  letterSpacing: "0.12em",
  fontSize: { xs: "2rem", sm: "3rem" },
  whiteSpace: { xs: "normal", sm: "nowrap" },
  overflowWrap: { xs: "anywhere", sm: "normal" },
};

/** Edit, and for owners and managers export and erase; labelled on every screen and wrapping on a phone. */
function MemberShowActions() {
  const { permissions } = usePermissions<Permissions>();
  const record = useRecordContext<MemberRecord>();
  return (
    <TopToolbar sx={{ flexWrap: "wrap", whiteSpace: "normal" }}>
      {record && <LabelledButton label="ra.action.edit" icon={<EditIcon />} href={`#/members/${record.id}`} />}
      {canManage(permissions) && <ExportMemberDataButton />}
      {canManage(permissions) && <EraseMemberButton />}
    </TopToolbar>
  );
}

function GuideField(_props: { label?: string }) {
  const record = useRecordContext<MemberRecord>();
  return (
    <Typography variant="body2">{record?.guide ? `${record.guide.name} (${record.guide.username})` : "—"}</Typography>
  );
}

/** Who the member is: name, phone, gender, birthday, home store, guide, channel, joining date and segment facts. */
function ProfileSection() {
  return (
    <Section title="resources.members.sections.profile">
      <Labeled source="name">
        <TextField source="name" />
      </Labeled>
      <Labeled source="phone">
        <PhoneField source="phone" />
      </Labeled>
      <Labeled source="gender">
        <SelectField source="gender" choices={genderChoices} />
      </Labeled>
      <Labeled source="birthday">
        <BirthdayField />
      </Labeled>
      <Labeled source="homeStore">
        <TextField source="homeStore.name" />
      </Labeled>
      <Labeled source="guide">
        <GuideField />
      </Labeled>
      <Labeled source="channel">
        <SelectField source="channel" choices={channelChoices} />
      </Labeled>
      <Labeled source="joinedAt">
        <DateTimeField source="joinedAt" />
      </Labeled>
      <MemberSegmentFacts />
    </Section>
  );
}

export function MemberShow() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <Show actions={<MemberShowActions />}>
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, p: { xs: 1, sm: 2 }, ...scrollWideParts }}>
        <ProfileSection />
        <MemberCard />
        <Box sx={{ flex: "1 1 100%", minWidth: 0 }}>
          <MemberLoyalty />
        </Box>
        <Box sx={{ flex: "1 1 100%", minWidth: 0 }}>
          <MemberWallet />
        </Box>
        <Box sx={{ flex: "1 1 100%", minWidth: 0 }}>
          <MemberRecommendations />
        </Box>
        <Section title="resources.members.sections.tags" grid={false} testId="tags-section">
          <MemberTags />
        </Section>
        <Section title="resources.members.sections.consent" grid={false}>
          <Labeled source="marketingSms">
            <ConsentField />
          </Labeled>
          <Box sx={{ mt: 1 }}>
            <MemberConsentToggle />
          </Box>
        </Section>
        {canManage(permissions) && (
          <Section title="resources.members.sections.guide" grid={false}>
            <MemberGuide />
          </Section>
        )}
        <Box sx={{ flex: "1 1 100%", minWidth: 0 }}>
          <Section title="resources.members.sections.audit" grid={false} testId="audit-section">
            <MemberAudit />
          </Section>
        </Box>
      </Box>
    </Show>
  );
}
