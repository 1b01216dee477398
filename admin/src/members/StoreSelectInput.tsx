/** Pick a store: the stores the caller may see (managers and clerks: only their own). */
import { ReferenceInput, SelectInput, usePermissions, type Validator } from "react-admin";
import { isOwner, type Permissions } from "../auth/permissions";

export function StoreSelectInput({
  source,
  label,
  alwaysOn: _alwaysOn,
  validate,
  allowAll,
}: {
  source: string;
  label?: string;
  alwaysOn?: boolean;
  validate?: Validator;
  allowAll?: boolean;
}) {
  const { permissions } = usePermissions<Permissions>();
  return (
    <ReferenceInput source={source} reference="stores">
      <SelectInput
        optionText="name"
        label={label}
        validate={validate}
        emptyText={allowAll && isOwner(permissions) ? "app.all_stores" : undefined}
        emptyValue=""
      />
    </ReferenceInput>
  );
}
