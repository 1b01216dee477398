/**
 * Members newest first, per store. The search box looks one member up by full
 * phone number or card code, the way the till does.
 */
import { DataTable, List, SearchInput, SelectField, TextField, usePermissions, useTranslate } from "react-admin";
import { defaultStoreId, type Permissions } from "../auth/permissions";
import { DateTimeField } from "../merchant/DateTimeField";
import { channelChoices, genderChoices, MemberCodeField } from "./fields";
import { StoreSelectInput } from "./StoreSelectInput";

export function MemberList() {
  const { permissions, isPending } = usePermissions<Permissions>();
  const translate = useTranslate();
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate("resources.members.fields.q")} sx={{ minWidth: 260 }} />,
    <StoreSelectInput key="storeId" source="storeId" label="resources.members.fields.storeId" alwaysOn allowAll />,
  ];
  if (isPending) return null;
  const storeId = defaultStoreId(permissions);
  return (
    <List filters={filters} filterDefaultValues={storeId ? { storeId } : {}} exporter={false} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="phone" disableSort />
        <DataTable.Col source="gender" disableSort>
          <SelectField source="gender" choices={genderChoices} />
        </DataTable.Col>
        <DataTable.Col source="homeStore" disableSort>
          <TextField source="homeStore.name" />
        </DataTable.Col>
        <DataTable.Col source="channel" disableSort>
          <SelectField source="channel" choices={channelChoices} />
        </DataTable.Col>
        <DataTable.Col source="memberCode" disableSort>
          <MemberCodeField />
        </DataTable.Col>
        <DataTable.Col source="joinedAt" disableSort>
          <DateTimeField source="joinedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
