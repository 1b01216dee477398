/** The points mall's rewards: what they cost, what is left, whether members can take them. */
import { Chip } from "@mui/material";
import { DataTable, List, SelectField, useResourceDefinition, useTranslate } from "react-admin";
import { DateTimeField } from "../merchant/DateTimeField";
import { rewardKindChoices, type RewardRecord } from "./fields";

function StatusChip({ record }: { record: RewardRecord }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={record.status === "active" ? "success" : "default"}
      label={translate(`resources.rewards.status.${record.status}`)}
    />
  );
}

export function RewardList() {
  const translate = useTranslate();
  const { hasEdit } = useResourceDefinition();
  const unlimited = translate("resources.rewards.unlimited");
  return (
    <List exporter={false} perPage={25}>
      <DataTable<RewardRecord> rowClick={hasEdit ? "edit" : false} bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="kind" disableSort>
          <SelectField source="kind" choices={rewardKindChoices} />
        </DataTable.Col>
        <DataTable.NumberCol source="pointsCost" disableSort />
        <DataTable.Col
          source="stock"
          disableSort
          render={(record) => (record.stock === null ? unlimited : record.stock.toLocaleString())}
        />
        <DataTable.Col
          source="perMemberLimit"
          disableSort
          render={(record) => (record.perMemberLimit === null ? unlimited : record.perMemberLimit)}
        />
        <DataTable.Col
          source="status"
          disableSort
          render={(record) => <StatusChip record={record as RewardRecord} />}
        />
        <DataTable.Col source="updatedAt" disableSort>
          <DateTimeField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
