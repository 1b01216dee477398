/**
 * Coupon templates newest first: what each is worth, how long its coupons
 * last, how many went out of how many, and whether it issues. Owners and
 * managers issue from a row (发券); owners pause and resume, and edit. Above
 * the list, the coupons that could not be given in the last 7 days.
 */
import PauseIcon from "@mui/icons-material/Pause";
import PlayArrowIcon from "@mui/icons-material/PlayArrow";
import SendIcon from "@mui/icons-material/Send";
import { Box, Button, Chip, Stack } from "@mui/material";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  CreateButton,
  DataTable,
  List,
  SelectField,
  TopToolbar,
  useNotify,
  usePermissions,
  useRefresh,
  useResourceDefinition,
  useTranslate,
} from "react-admin";
import type { Permissions } from "../auth/permissions";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { PauseCouponTemplateMutation, PauseCouponTemplateMutationVariables } from "../generated/graphql";

const PAUSE_TEMPLATE: Document<PauseCouponTemplateMutation, PauseCouponTemplateMutationVariables> = /* GraphQL */ `
  mutation pauseCouponTemplate($id: ID!, $input: CouponTemplateInput!) {
    updateCouponTemplate(id: $id, input: $input) {
      id
      status
    }
  }
`;
import { useFormatDateTime } from "../merchant/DateTimeField";
import { errorMessage } from "../members/loyalty/api";
import { kindChoices, type CouponTemplateRecord } from "./fields";
import { IssueCouponsDialog } from "./IssueCouponsDialog";
import { ShortfallBanner } from "./ShortfallBanner";
import { canIssue } from "./useCouponTemplates";
import { useCouponValue } from "./useCouponValue";

const T = "resources.couponTemplates";

function StatusChip({ record }: { record: CouponTemplateRecord }) {
  const translate = useTranslate();
  const soldOut = record.totalStock !== null && record.issued >= record.totalStock;
  const ended = record.validityType === "fixed" && (record.validUntil ?? "") <= new Date().toISOString();
  const label = record.status === "paused" ? "paused" : ended ? "ended" : soldOut ? "sold_out" : "active";
  return (
    <Chip
      size="small"
      color={label === "active" ? "success" : "default"}
      label={translate(`${T}.status.${label}`)}
      data-testid="template-status"
    />
  );
}

function Validity({ record }: { record: CouponTemplateRecord }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  if (record.validityType === "relative") return <>{translate(`${T}.validity_days`, { days: record.validDays })}</>;
  return (
    <>
      {translate(`${T}.validity_range`, {
        from: format(record.validFrom ?? "", false),
        until: format(new Date(Date.parse(record.validUntil ?? "") - 1).toISOString(), false),
      })}
    </>
  );
}

function RowActions({
  record,
  owner,
  onIssue,
}: {
  record: CouponTemplateRecord;
  owner: boolean;
  onIssue: (id: string) => void;
}) {
  const translate = useTranslate();
  const request = useRequest();
  const refresh = useRefresh();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const next = record.status === "active" ? "paused" : "active";

  const toggle = async () => {
    setBusy(true);
    try {
      await request(PAUSE_TEMPLATE, { id: record.id, input: { status: next } });
      notify(`${T}.${next === "paused" ? "paused" : "resumed"}`, {
        type: "success",
        messageArgs: { name: record.name },
      });
      await queryClient.invalidateQueries({ queryKey: ["couponTemplates"] });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    // Buttons in a clickable row: their clicks are not the row's.
    <Stack direction="row" spacing={1} onClick={(event) => event.stopPropagation()}>
      <Button
        size="small"
        startIcon={<SendIcon />}
        disabled={!canIssue(record)}
        onClick={() => onIssue(record.id)}
        data-testid="template-issue"
      >
        {translate(`${T}.actions.issue`)}
      </Button>
      {owner && (
        <Button
          size="small"
          startIcon={next === "paused" ? <PauseIcon /> : <PlayArrowIcon />}
          disabled={busy}
          onClick={() => void toggle()}
          data-testid="template-toggle"
        >
          {translate(`${T}.actions.${next === "paused" ? "pause" : "resume"}`)}
        </Button>
      )}
    </Stack>
  );
}

/** How many coupons of the template were issued, of its stock (or of no limit). */
function IssuedOfTotal({ record, unlimited }: { record: CouponTemplateRecord; unlimited: string }) {
  return (
    <Box data-testid="template-issued">
      {`${record.issued.toLocaleString()} / ` +
        `${record.totalStock === null ? unlimited : record.totalStock.toLocaleString()}`}
    </Box>
  );
}

export function CouponTemplateList() {
  const translate = useTranslate();
  const value = useCouponValue();
  const { hasEdit, hasCreate } = useResourceDefinition();
  const { permissions } = usePermissions<Permissions>();
  const owner = permissions?.role === "owner";
  const [issuing, setIssuing] = useState<string>();
  const unlimited = translate(`${T}.unlimited`);
  return (
    <>
      <ShortfallBanner />
      <List exporter={false} perPage={25} actions={<TopToolbar>{hasCreate && <CreateButton />}</TopToolbar>}>
        <DataTable<CouponTemplateRecord> rowClick={hasEdit ? "edit" : false} bulkActionButtons={false}>
          <DataTable.Col source="name" disableSort />
          <DataTable.Col source="kind" disableSort>
            <SelectField source="kind" choices={kindChoices} />
          </DataTable.Col>
          <DataTable.Col
            source="value"
            label={`${T}.fields.value`}
            disableSort
            render={(row) => <Box data-testid="template-value">{value(row as CouponTemplateRecord)}</Box>}
          />
          <DataTable.Col
            source="validityType"
            label={`${T}.fields.validity`}
            disableSort
            render={(row) => <Validity record={row as CouponTemplateRecord} />}
          />
          <DataTable.Col
            source="issued"
            label={`${T}.fields.issuedOfTotal`}
            disableSort
            render={(row) => <IssuedOfTotal record={row as CouponTemplateRecord} unlimited={unlimited} />}
          />
          <DataTable.Col
            source="perMemberLimit"
            disableSort
            render={(row) => (row.perMemberLimit === null ? unlimited : row.perMemberLimit)}
          />
          <DataTable.Col
            source="status"
            disableSort
            render={(row) => <StatusChip record={row as CouponTemplateRecord} />}
          />
          <DataTable.Col
            source="id"
            label={`${T}.fields.actions`}
            disableSort
            render={(row) => <RowActions record={row as CouponTemplateRecord} owner={owner} onIssue={setIssuing} />}
          />
        </DataTable>
      </List>
      {issuing && <IssueCouponsDialog templateId={issuing} onClose={() => setIssuing(undefined)} />}
    </>
  );
}
