/** Create a key; the secret comes back once and is shown in a dialog, then forgotten. */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  Create,
  maxValue,
  minValue,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useRedirect,
} from "react-admin";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { SecretDialog } from "./SecretDialog";

interface CreatedKey {
  id: string;
  name: string;
  secret: string;
}

export function ApiKeyCreate() {
  const [created, setCreated] = useState<CreatedKey>();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  return (
    <>
      <Create redirect={false} mutationOptions={{ onSuccess: (data: CreatedKey) => setCreated(data) }}>
        <SimpleForm toolbar={<SaveOnlyToolbar />}>
          <TextInput source="name" validate={required()} />
          <ReferenceInput source="storeId" reference="stores">
            <SelectInput optionText="name" emptyText="app.all_stores" helperText="resources.apiKeys.store_hint" />
          </ReferenceInput>
          <NumberInput
            source="rateLimitPerSecond"
            step={1}
            min={1}
            max={10000}
            validate={[minValue(1), maxValue(10000)]}
            helperText="resources.apiKeys.rate_hint"
          />
        </SimpleForm>
      </Create>
      {created && (
        <SecretDialog
          name={created.name}
          secret={created.secret}
          onClose={() => {
            setCreated(undefined);
            // react-admin cached the created record, secret included; keep it nowhere.
            queryClient.removeQueries({ queryKey: ["apiKeys", "getOne"] });
            redirect("list", "apiKeys");
          }}
        />
      )}
    </>
  );
}
