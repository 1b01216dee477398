/** The points mall's rewards: what they cost, what is left, whether members can take them. */
import { DataTable, List, SelectField, useResourceDefinition, useTranslate } from "react-admin";
import { StatusChip } from "../common/StatusChip";
import { DateTimeField } from "../merchant/DateTimeField";
import { rewardKindChoices, type RewardRecord } from "./fields";

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
          render={(record) => <StatusChip labels="resources.rewards.status" status={(record as RewardRecord).status} />}
        />
        <DataTable.Col source="updatedAt" disableSort>
          <DateTimeField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
