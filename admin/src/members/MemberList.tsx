/**
 * Members newest first, per store, with the figures a merchant scans (等级, 积分,
 * 储值余额, 消费次数, 最近消费). The search box looks one member up by full phone
 * number or card code, the way the till does, or lists the members whose phone
 * ends in 4 digits (手机尾号); the other filters narrow the list by name prefix,
 * store, guide, tag and joining date, or by tier, birthday month, spend and
 * stored value (see memberFilters.tsx for which combine).
 */
import AddIcon from "@mui/icons-material/Add";
import {
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TopToolbar,
  usePermissions,
  useTranslate,
} from "react-admin";
import { defaultStoreId, type Permissions } from "../auth/permissions";
import { LabelledButton } from "../common/smallScreen";
import { IssueCouponsBulkButton } from "../couponTemplates/IssueCouponsBulkButton";
import { DateTimeField } from "../merchant/DateTimeField";
import { ExportMembersButton } from "./ExportMembersButton";
import { channelChoices, MemberCodeField, TagsField } from "./fields";
import {
  BirthdayMonthFilterInput,
  GuideFilterInput,
  JoinedFilterInput,
  NameFilterInput,
  TierFilterInput,
  YuanFilterInput,
} from "./memberFilters";
import { LastVisitField, PhoneField, PointsField, StoredValueField, TierField, VisitsField } from "./rowFields";
import { StoreSelectInput } from "./StoreSelectInput";
import { useMemberTags } from "./useMemberTags";

function TagFilterInput({ source, label }: { source: string; label: string; alwaysOn?: boolean }) {
  const { data } = useMemberTags();
  const choices = (data ?? []).map((tag) => ({ id: tag.name, name: `${tag.name} (${tag.count})` }));
  return <SelectInput source={source} label={label} choices={choices} translateChoice={false} isLoading={!data} />;
}

/**
 * Filters, enrolment and export. 新建 keeps its word on a phone, in the toolbar (react-admin's own turns into a
 * floating + over the rows there).
 */
function ListActions({ canExport }: { canExport: boolean }) {
  return (
    <TopToolbar sx={{ flexWrap: "wrap" }}>
      <FilterButton />
      <LabelledButton label="ra.action.create" icon={<AddIcon />} href="#/members/create" data-testid="member-create" />
      {canExport && <ExportMembersButton />}
    </TopToolbar>
  );
}

function memberFilters(managing: boolean, searchHint: string) {
  const label = (name: string) => `resources.members.filters.${name}`;
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={searchHint} sx={{ minWidth: 260 }} />,
    <StoreSelectInput key="storeId" source="storeId" label="resources.members.fields.storeId" alwaysOn allowAll />,
    <NameFilterInput key="name" source="name" label={label("name")} alwaysOn />,
    <TagFilterInput key="tag" source="tag" label={label("tag")} alwaysOn />,
    <TierFilterInput key="tierId" source="tierId" label={label("tierId")} alwaysOn />,
    ...(managing ? [<GuideFilterInput key="guideId" source="guideId" label={label("guideId")} />] : []),
    <JoinedFilterInput key="joinedFrom" source="joinedFrom" label={label("joinedFrom")} />,
    <JoinedFilterInput key="joinedTo" source="joinedTo" label={label("joinedTo")} />,
    <BirthdayMonthFilterInput key="birthdayMonth" source="birthdayMonth" label={label("birthdayMonth")} />,
    <YuanFilterInput key="spendMin" source="spendMin" label={label("spendMin")} />,
    <YuanFilterInput key="spendMax" source="spendMax" label={label("spendMax")} />,
    <YuanFilterInput key="balanceMin" source="balanceMin" label={label("balanceMin")} />,
    <YuanFilterInput key="balanceMax" source="balanceMax" label={label("balanceMax")} />,
  ];
}

/**
 * A row per line, as merchants scan it. A screen narrower than the columns (a phone) scrolls the table sideways
 * inside its own box: inline-size containment keeps the rows' width out of the page's.
 */
const ONE_LINE_ROWS = {
  "& .RaDataTable-tableWrapper": { overflowX: "auto", contain: "inline-size" },
  "& th, & td": { whiteSpace: "nowrap" },
};

/** The columns: who, the account figures, then where they belong and how they joined. Gender is on the member page. */
function MemberColumns({ managing }: { managing: boolean }) {
  return (
    <DataTable rowClick="show" bulkActionButtons={managing ? <IssueCouponsBulkButton /> : false} sx={ONE_LINE_ROWS}>
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="phone" disableSort>
        <PhoneField />
      </DataTable.Col>
      <DataTable.Col source="tier" disableSort>
        <TierField />
      </DataTable.Col>
      <DataTable.Col source="points" disableSort align="right">
        <PointsField />
      </DataTable.Col>
      <DataTable.Col source="storedValue" disableSort align="right">
        <StoredValueField />
      </DataTable.Col>
      <DataTable.Col source="visits" disableSort align="right">
        <VisitsField />
      </DataTable.Col>
      <DataTable.Col source="lastVisitAt" disableSort>
        <LastVisitField />
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
  );
}

export function MemberList() {
  const { permissions, isPending } = usePermissions<Permissions>();
  const translate = useTranslate();
  const managing = permissions?.role === "owner" || permissions?.role === "manager";
  if (isPending) return null;
  const storeId = defaultStoreId(permissions);
  return (
    <List
      filters={memberFilters(managing, translate("resources.members.fields.q"))}
      filterDefaultValues={storeId ? { storeId } : {}}
      exporter={false}
      perPage={25}
      actions={<ListActions canExport={managing} />}
    >
      <MemberColumns managing={managing} />
    </List>
  );
}
