/** The top-up plans, as the member page's top-up offers them. */
import { DataTable, List, SelectField } from "react-admin";
import { CreateOnlyActions, StatusChip } from "../common/StatusChip";
import { formatFen } from "../members/loyalty/money";
import { scopeChoices, type TopUpPlanRecord } from "./fields";

const P = "resources.topUpPlans";

export function TopUpPlanList() {
  return (
    <List exporter={false} perPage={25} actions={<CreateOnlyActions />}>
      <DataTable<TopUpPlanRecord> rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="pay" disableSort render={(record) => formatFen(record.pay)} />
        <DataTable.Col source="bonus" disableSort render={(record) => formatFen(record.bonus)} />
        <DataTable.Col source="scope" disableSort>
          <SelectField source="scope" choices={scopeChoices} />
        </DataTable.Col>
        <DataTable.Col
          source="status"
          disableSort
          render={(record) => <StatusChip labels={`${P}.status`} status={record.status} />}
        />
      </DataTable>
    </List>
  );
}
