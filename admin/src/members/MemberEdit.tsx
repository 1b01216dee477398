/**
 * Change a member's profile. The edit carries the version it was read at, so
 * someone else's change in between is refused rather than overwritten; the
 * API's messages appear under the input they concern.
 */
import { Box } from "@mui/material";
import {
  Edit,
  maxValue,
  minValue,
  NumberInput,
  RadioButtonGroupInput,
  required,
  SimpleForm,
  TextInput,
  useNotify,
  useRedirect,
} from "react-admin";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { genderChoices, type MemberRecord } from "./fields";
import { PhoneInput } from "./PhoneInput";
import { StoreSelectInput } from "./StoreSelectInput";

/** An emptied birthday becomes clearBirthday. */
export function memberEditTransform(data: MemberRecord & { clearBirthday?: boolean }, previous?: MemberRecord) {
  const birthday = data.birthday;
  const empty = !birthday || !birthday.month || !birthday.day;
  if (empty && previous?.birthday) return { ...data, birthday: null, clearBirthday: true };
  return data;
}

export function MemberEdit() {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      mutationMode="pessimistic"
      transform={(data: MemberRecord, options?: { previousData?: MemberRecord }) =>
        memberEditTransform(data, options?.previousData)
      }
      mutationOptions={{
        onSuccess: (member: MemberRecord) => {
          notify("resources.members.updated", { type: "success" });
          redirect("show", "members", member.id);
        },
      }}
    >
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
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
      </SimpleForm>
    </Edit>
  );
}
