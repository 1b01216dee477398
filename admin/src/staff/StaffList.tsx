import { ChipField, DataTable, List, ReferenceArrayField, SelectField, SingleFieldList } from "react-admin";
import { DateTimeField } from "../merchant/DateTimeField";
import { roleChoices, staffStatusChoices } from "./fields";

export function StaffList() {
  return (
    <List exporter={false}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="username" disableSort />
        <DataTable.Col source="role" disableSort>
          <SelectField source="role" choices={roleChoices} />
        </DataTable.Col>
        <DataTable.Col source="storeIds" disableSort>
          <ReferenceArrayField source="storeIds" reference="stores">
            <SingleFieldList linkType={false}>
              <ChipField source="name" size="small" />
            </SingleFieldList>
          </ReferenceArrayField>
        </DataTable.Col>
        <DataTable.Col source="status" disableSort>
          <SelectField source="status" choices={staffStatusChoices} />
        </DataTable.Col>
        <DataTable.Col source="createdAt" disableSort>
          <DateTimeField source="createdAt" showTime={false} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
