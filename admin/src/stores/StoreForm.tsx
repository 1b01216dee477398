import { required, SelectInput, SimpleForm, TextInput } from "react-admin";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { storeStatusChoices } from "./fields";

/** The store form; the status only exists once the store does. */
export function StoreForm({ withStatus = false }: { withStatus?: boolean }) {
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <TextInput source="name" validate={required()} />
      <TextInput source="city" validate={required()} />
      <TextInput source="region" />
      <TextInput source="address" fullWidth />
      <TextInput source="phone" />
      {withStatus && <SelectInput source="status" choices={storeStatusChoices} validate={required()} />}
    </SimpleForm>
  );
}
