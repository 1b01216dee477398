/**
 * Enrol a member by phone. Enrolling a phone that is already a member opens
 * that member instead of making a second one.
 */
import { Box } from "@mui/material";
import {
  BooleanInput,
  Create,
  maxValue,
  minValue,
  NumberInput,
  RadioButtonGroupInput,
  required,
  SimpleForm,
  TextInput,
  usePermissions,
  useNotify,
  useRedirect,
} from "react-admin";
import { onlyStoreId, type Permissions } from "../auth/permissions";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { genderChoices, type MemberRecord } from "./fields";
import { PhoneInput } from "./PhoneInput";
import { StoreSelectInput } from "./StoreSelectInput";

export function MemberCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const { permissions, isPending } = usePermissions<Permissions>();
  if (isPending) return null;

  const onSuccess = (member: MemberRecord) => {
    notify(
      member.created === false
        ? "resources.members.notifications.already_member"
        : "resources.members.notifications.registered",
      {
        type: member.created === false ? "warning" : "success",
      },
    );
    redirect("show", "members", member.id);
  };

  return (
    <Create mutationOptions={{ onSuccess }}>
      <SimpleForm
        toolbar={<SaveOnlyToolbar />}
        defaultValues={{
          gender: "unknown",
          marketingSmsConsent: false,
          homeStoreId: onlyStoreId(permissions) ?? "",
        }}
      >
        <PhoneInput />
        <TextInput source="name" validate={required()} />
        <RadioButtonGroupInput source="gender" choices={genderChoices} />
        <Box sx={{ display: "flex", gap: 2, flexWrap: "wrap" }}>
          <NumberInput
            fullWidth={false}
            source="birthday.month"
            label="resources.members.fields.birthday_month"
            validate={[minValue(1), maxValue(12)]}
            step={1}
          />
          <NumberInput
            fullWidth={false}
            source="birthday.day"
            label="resources.members.fields.birthday_day"
            validate={[minValue(1), maxValue(31)]}
            step={1}
          />
          <NumberInput
            fullWidth={false}
            source="birthday.year"
            label="resources.members.fields.birthday_year"
            validate={[minValue(1900), maxValue(2100)]}
            step={1}
          />
        </Box>
        <StoreSelectInput source="homeStoreId" label="resources.members.fields.homeStoreId" validate={required()} />
        <BooleanInput source="marketingSmsConsent" />
      </SimpleForm>
    </Create>
  );
}
