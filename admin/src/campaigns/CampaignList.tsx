/** Campaigns: whom they reach, when, with what, and whether they run; a row opens the results. */
import { Chip } from "@mui/material";
import { DataTable, List, ReferenceField, TextField, useTranslate } from "react-admin";
import { DateTimeField } from "../merchant/DateTimeField";
import type { CampaignRecord } from "./fields";
import { ScheduleText } from "./ScheduleText";

const C = "resources.campaigns";

export function CampaignStatus({ status }: { status: CampaignRecord["status"] }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={status === "active" ? "success" : "default"}
      label={translate(`${C}.status.${status}`)}
      data-testid="campaign-status"
    />
  );
}

/** What the campaign gives: 券 · 短信 · 积分×2. */
function Offer({ record }: { record: CampaignRecord }) {
  const translate = useTranslate();
  const parts = [
    record.couponTemplateId && translate(`${C}.offer.coupon`),
    record.smsBody && translate(`${C}.offer.sms`),
    record.pointsMultiplier && translate(`${C}.offer.points`, { multiplier: record.pointsMultiplier }),
  ].filter(Boolean);
  return <>{parts.join(" · ")}</>;
}

export function CampaignList() {
  return (
    <List exporter={false} perPage={25}>
      <DataTable<CampaignRecord> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="segmentId" disableSort>
          <ReferenceField source="segmentId" reference="segments" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col
          source="kind"
          label={`${C}.fields.schedule`}
          disableSort
          render={(record) => <ScheduleText record={record as CampaignRecord} />}
        />
        <DataTable.Col
          source="smsBody"
          label={`${C}.fields.offer`}
          disableSort
          render={(record) => <Offer record={record as CampaignRecord} />}
        />
        <DataTable.Col
          source="status"
          disableSort
          render={(record) => <CampaignStatus status={(record as CampaignRecord).status} />}
        />
        <DataTable.Col source="createdAt" disableSort>
          <DateTimeField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
