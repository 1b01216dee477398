/**
 * One campaign: what it is (its SMS as the owner wrote it, with the variables' words: 【会员姓名】 for {name}), and
 * its results. Owners may edit it from here.
 */
import { Box, Card, CardContent, Typography } from "@mui/material";
import {
  EditButton,
  Labeled,
  ReferenceField,
  Show,
  TextField,
  TopToolbar,
  useRecordContext,
  useResourceDefinition,
  useTranslate,
} from "react-admin";
import { formatTemplate } from "../automations/templateChips";
import { useTemplateTokens } from "../automations/TemplateInput";
import { useCouponTemplateName } from "../automations/useCouponTemplateName";
import { CampaignStatus } from "./CampaignList";
import { CampaignResults } from "./CampaignResults";
import type { CampaignRecord } from "./fields";
import { ScheduleText } from "./ScheduleText";

const C = "resources.campaigns";

function Actions() {
  const { hasEdit } = useResourceDefinition();
  return <TopToolbar>{hasEdit && <EditButton />}</TopToolbar>;
}

function Details() {
  const translate = useTranslate();
  const record = useRecordContext<CampaignRecord>();
  const coupon = useCouponTemplateName(record?.couponTemplateId);
  const tokens = useTemplateTokens();
  if (!record) return null;
  const none = translate(`${C}.none`);
  return (
    <Card variant="outlined" data-testid="campaign-details">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {record.name}
        </Typography>
        <Box sx={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(200px, 1fr))", gap: 2 }}>
          <Labeled label={`${C}.fields.segmentId`}>
            <ReferenceField source="segmentId" reference="segments">
              <TextField source="name" />
            </ReferenceField>
          </Labeled>
          <Labeled label={`${C}.fields.schedule`}>
            <Typography variant="body2">
              <ScheduleText record={record} />
            </Typography>
          </Labeled>
          <Labeled label={`${C}.fields.status`}>
            <Box>
              <CampaignStatus status={record.status} />
            </Box>
          </Labeled>
          <Labeled label={`${C}.fields.couponTemplateId`}>
            <Typography variant="body2">
              {record.couponTemplateId ? (coupon ?? record.couponTemplateId) : none}
            </Typography>
          </Labeled>
          <Labeled label={`${C}.fields.pointsMultiplier`}>
            <Typography variant="body2">{record.pointsMultiplier ? `×${record.pointsMultiplier}` : none}</Typography>
          </Labeled>
          <Labeled label={`${C}.fields.conversionDays`}>
            <Typography variant="body2">{translate(`${C}.days`, { days: record.conversionDays })}</Typography>
          </Labeled>
          <Labeled label={`${C}.fields.holdoutPercent`}>
            <Typography variant="body2" data-testid="campaign-holdout-percent">
              {record.holdoutPercent ? `${record.holdoutPercent}%` : translate(`${C}.holdout_off`)}
            </Typography>
          </Labeled>
        </Box>
        <Labeled label={`${C}.fields.smsBody`} sx={{ mt: 2 }}>
          <Typography variant="body2" sx={{ whiteSpace: "pre-wrap" }} data-testid="campaign-sms-body">
            {record.smsBody ? formatTemplate(record.smsBody, tokens) : none}
          </Typography>
        </Labeled>
      </CardContent>
    </Card>
  );
}

function Results() {
  const record = useRecordContext<CampaignRecord>();
  if (!record) return null;
  return <CampaignResults id={record.id} conversionDays={record.conversionDays} />;
}

export function CampaignShow() {
  return (
    <Show actions={<Actions />}>
      <Box sx={{ display: "grid", gap: 2, p: 2 }}>
        <Details />
        <Results />
      </Box>
    </Show>
  );
}
