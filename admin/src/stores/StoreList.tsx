import { DataTable, List, SelectField } from "react-admin";
import { DateTimeField } from "../merchant/DateTimeField";
import { storeStatusChoices } from "./fields";

export function StoreList() {
  return (
    <List exporter={false}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="city" disableSort />
        <DataTable.Col source="region" disableSort />
        <DataTable.Col source="phone" disableSort />
        <DataTable.Col source="status" disableSort>
          <SelectField source="status" choices={storeStatusChoices} />
        </DataTable.Col>
        <DataTable.Col source="createdAt" disableSort>
          <DateTimeField source="createdAt" showTime={false} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
