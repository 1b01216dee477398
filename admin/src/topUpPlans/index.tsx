/**
 * Top-up plans (充值方案, e.g. 充300送60): what the member pays, the bonus
 * added, where the balance may be spent, and whether the plan is offered.
 * Owners manage them; the member page's top-up offers the active ones.
 */
import AccountBalanceWalletIcon from "@mui/icons-material/AccountBalanceWallet";
import { Create, DataTable, Edit, List, RadioButtonGroupInput, SelectField, SimpleForm, TextInput } from "react-admin";
import { choicesFor } from "../common/choices";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { CreateOnlyActions, StatusChip } from "../common/StatusChip";
import { fenIn } from "../common/fen";
import { YuanInput } from "../common/YuanInput";
import { textIn } from "../loyalty/validation";
import { formatFen } from "../members/loyalty/money";

const P = "resources.topUpPlans";
export const scopeChoices = choicesFor(`${P}.scope`, ["any", "store", "city"] as const);
const statusChoices = choicesFor(`${P}.status`, ["active", "paused"] as const);

export interface TopUpPlanRecord {
  id: string;
  name: string;
  pay: number;
  bonus: number;
  scope: "any" | "store" | "city";
  status: "active" | "paused";
}

/** The API's checks (functions/core/storedValue.ts parsePlan). */
function validatePlan(values: Partial<TopUpPlanRecord>) {
  const errors: Record<string, unknown> = {};
  const put = (field: string, message: unknown) => message && (errors[field] = message);
  put("name", textIn(values.name, 40));
  put("pay", fenIn(values.pay, 1));
  put("bonus", fenIn(values.bonus ?? 0, 0));
  return errors;
}

const planInput = (values: Partial<TopUpPlanRecord>) => ({
  name: values.name?.trim(),
  pay: values.pay,
  bonus: values.bonus ?? 0,
  scope: values.scope,
  status: values.status,
});

function PlanForm() {
  return (
    <SimpleForm
      toolbar={<SaveOnlyToolbar />}
      validate={validatePlan}
      defaultValues={{ bonus: 0, scope: "any", status: "active" }}
    >
      <TextInput source="name" helperText={`${P}.hints.name`} sx={{ minWidth: 320 }} />
      <YuanInput source="pay" helperText={`${P}.hints.pay`} />
      <YuanInput source="bonus" helperText={`${P}.hints.bonus`} />
      <RadioButtonGroupInput source="scope" choices={scopeChoices} helperText={`${P}.hints.scope`} />
      <RadioButtonGroupInput source="status" choices={statusChoices} helperText={`${P}.hints.status`} />
    </SimpleForm>
  );
}

export function TopUpPlanCreate() {
  return (
    <Create redirect="list" transform={planInput}>
      <PlanForm />
    </Create>
  );
}

export function TopUpPlanEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list" transform={planInput}>
      <PlanForm />
    </Edit>
  );
}

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

export default {
  list: TopUpPlanList,
  create: TopUpPlanCreate,
  edit: TopUpPlanEdit,
  icon: AccountBalanceWalletIcon,
  recordRepresentation: "name",
};
