/**
 * One member: profile, the member card (QR code and code, large enough to read
 * out), points and tier with orders and the till actions, the wallet
 * (coupons, stored value, referral), tags, guide, consent and the history of changes.
 */
import { Box, Card, CardContent, Typography } from "@mui/material";
import { QRCodeSVG } from "qrcode.react";
import {
  EditButton,
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
import { DateTimeField } from "../merchant/DateTimeField";
import {
  BirthdayField,
  channelChoices,
  ConsentField,
  genderChoices,
  MemberCodeField,
  type MemberRecord,
} from "./fields";
import {
  EraseMemberButton,
  ExportMemberDataButton,
  MemberAudit,
  MemberConsentToggle,
  MemberGuide,
  MemberTags,
} from "./MemberActions";
import { MemberLoyalty } from "./loyalty/MemberLoyalty";
import { MemberSegmentFacts } from "./MemberSegmentFacts";
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
    <Card variant="outlined" sx={{ flex: "1 1 320px" }} data-testid={testId}>
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
    <Card variant="outlined" sx={{ flex: "1 1 320px" }}>
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
          <Labeled source="memberCode" resource="members">
            <MemberCodeField size="large" />
          </Labeled>
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate("resources.members.card_hint")}
        </Typography>
      </CardContent>
    </Card>
  );
}

function MemberShowActions() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <TopToolbar>
      <EditButton />
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

export function MemberShow() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <Show actions={<MemberShowActions />}>
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, p: 2 }}>
        <Section title="resources.members.sections.profile">
          <Labeled source="name">
            <TextField source="name" />
          </Labeled>
          <Labeled source="phone">
            <TextField source="phone" />
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
        <MemberCard />
        <Box sx={{ flex: "1 1 100%" }}>
          <MemberLoyalty />
        </Box>
        <Box sx={{ flex: "1 1 100%" }}>
          <MemberWallet />
        </Box>
        <Box sx={{ flex: "1 1 100%" }}>
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
        <Box sx={{ flex: "1 1 100%" }}>
          <Section title="resources.members.sections.audit" grid={false} testId="audit-section">
            <MemberAudit />
          </Section>
        </Box>
      </Box>
    </Show>
  );
}
