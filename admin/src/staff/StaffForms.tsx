import {
  Create,
  Edit,
  PasswordInput,
  ReferenceArrayInput,
  required,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextInput,
  usePermissions,
} from "react-admin";
import { isOwner, type Permissions } from "../auth/permissions";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { roleChoices, staffStatusChoices } from "./fields";

/** A manager may only add and change clerks; owners assign any role. */
function useRoleChoices() {
  const { permissions } = usePermissions<Permissions>();
  return isOwner(permissions) ? roleChoices : roleChoices.filter((choice) => choice.id === "clerk");
}

function StoresInput() {
  return (
    <ReferenceArrayInput source="storeIds" reference="stores">
      <SelectArrayInput optionText="name" label="resources.staff.fields.storeIds" />
    </ReferenceArrayInput>
  );
}

export function StaffCreate() {
  const roles = useRoleChoices();
  return (
    <Create redirect="list">
      <SimpleForm toolbar={<SaveOnlyToolbar />} defaultValues={{ role: "clerk" }}>
        <TextInput source="username" validate={required()} autoComplete="off" />
        <TextInput source="name" validate={required()} />
        <PasswordInput
          source="password"
          validate={required()}
          autoComplete="new-password"
          helperText="resources.staff.password_hint"
        />
        <SelectInput source="role" choices={roles} validate={required()} />
        <StoresInput />
      </SimpleForm>
    </Create>
  );
}

export function StaffEdit() {
  const roles = useRoleChoices();
  return (
    <Edit mutationMode="pessimistic" redirect="list">
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
        <TextInput source="username" disabled />
        <TextInput source="name" validate={required()} />
        <SelectInput source="role" choices={roles} validate={required()} />
        <StoresInput />
        <SelectInput source="status" choices={staffStatusChoices} validate={required()} />
      </SimpleForm>
    </Edit>
  );
}
