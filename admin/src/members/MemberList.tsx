/**
 * Members newest first, per store. The search box looks one member up by full
 * phone number or card code, the way the till does; the other filters narrow
 * the list by name prefix, store, guide, tag and joining date.
 */
import {
  CreateButton,
  DataTable,
  DateInput,
  FilterButton,
  List,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  usePermissions,
  useTranslate,
} from "react-admin";
import { defaultStoreId, type Permissions } from "../auth/permissions";
import { IssueCouponsBulkButton } from "../couponTemplates/IssueCouponsBulkButton";
import { DateTimeField } from "../merchant/DateTimeField";
import { ExportMembersButton } from "./ExportMembersButton";
import { channelChoices, genderChoices, MemberCodeField, TagsField } from "./fields";
import { StoreSelectInput } from "./StoreSelectInput";
import { useMemberTags } from "./useMemberTags";

function TagFilterInput({ source, label }: { source: string; label: string; alwaysOn?: boolean }) {
  const { data } = useMemberTags();
  const choices = (data ?? []).map((tag) => ({ id: tag.name, name: `${tag.name} (${tag.count})` }));
  return <SelectInput source={source} label={label} choices={choices} translateChoice={false} isLoading={!data} />;
}

function ListActions({ canExport }: { canExport: boolean }) {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      {canExport && <ExportMembersButton />}
    </TopToolbar>
  );
}

export function MemberList() {
  const { permissions, isPending } = usePermissions<Permissions>();
  const translate = useTranslate();
  const managing = permissions?.role === "owner" || permissions?.role === "manager";
  const filters = [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      placeholder={translate("resources.members.fields.q")}
      sx={{ minWidth: 260 }}
    />,
    <StoreSelectInput key="storeId" source="storeId" label="resources.members.fields.storeId" alwaysOn allowAll />,
    <TextInput key="name" source="name" label="resources.members.filters.name" alwaysOn resettable />,
    <TagFilterInput key="tag" source="tag" label="resources.members.filters.tag" alwaysOn />,
    ...(managing
      ? [
          <ReferenceInput key="guideId" source="guideId" reference="staff" perPage={100}>
            <SelectInput optionText="name" label="resources.members.filters.guideId" />
          </ReferenceInput>,
        ]
      : []),
    <DateInput key="joinedFrom" source="joinedFrom" label="resources.members.filters.joinedFrom" />,
    <DateInput key="joinedTo" source="joinedTo" label="resources.members.filters.joinedTo" />,
  ];
  if (isPending) return null;
  const storeId = defaultStoreId(permissions);
  return (
    <List
      filters={filters}
      filterDefaultValues={storeId ? { storeId } : {}}
      exporter={false}
      perPage={25}
      actions={<ListActions canExport={managing} />}
    >
      <DataTable rowClick="show" bulkActionButtons={managing ? <IssueCouponsBulkButton /> : false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="phone" disableSort />
        <DataTable.Col source="gender" disableSort>
          <SelectField source="gender" choices={genderChoices} />
        </DataTable.Col>
        <DataTable.Col source="homeStore" disableSort>
          <TextField source="homeStore.name" />
        </DataTable.Col>
        <DataTable.Col source="tags" disableSort>
          <TagsField />
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
