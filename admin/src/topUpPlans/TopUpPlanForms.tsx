/** The top-up plan forms: what the member pays, the bonus, where it may be spent, and whether it is offered. */
import { Create, Edit, RadioButtonGroupInput, SimpleForm, TextInput } from "react-admin";
import { fenIn } from "../common/fen";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { YuanInput } from "../common/YuanInput";
import { textIn } from "../loyalty/validation";
import { scopeChoices, statusChoices, type TopUpPlanRecord } from "./fields";

const P = "resources.topUpPlans";

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
