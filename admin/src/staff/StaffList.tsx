import {
  ChipField,
  DataTable,
  List,
  ReferenceArrayField,
  SelectField,
  SingleFieldList,
  usePermissions,
} from "react-admin";
import { isOwner, type Permissions } from "../auth/permissions";
import { DateTimeField } from "../merchant/DateTimeField";
import { roleChoices, staffStatusChoices } from "./fields";

/** Owners edit anyone; a manager only the clerks (the API refuses the rest), so other rows do not open. */
export function StaffList() {
  const { permissions } = usePermissions<Permissions>();
  const owner = isOwner(permissions);
  return (
    <List exporter={false}>
      <DataTable
        rowClick={(_id, _resource, record) => (owner || record.role === "clerk" ? "edit" : false)}
        bulkActionButtons={false}
      >
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
