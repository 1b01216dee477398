/** Owners: the merchant's name and time zone (dates everywhere are shown in it). */
import { useMemo } from "react";
import { AutocompleteInput, Edit, required, SimpleForm, TextInput, useNotify, useTranslate } from "react-admin";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { MERCHANT_ID } from "../merchant/useMerchant";

function timeZoneChoices() {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["Asia/Shanghai"];
  return zones.map((zone) => ({ id: zone, name: zone }));
}

export function SettingsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const zones = useMemo(timeZoneChoices, []);
  return (
    <Edit
      resource="merchant"
      id={MERCHANT_ID}
      title={translate("resources.merchant.name")}
      mutationMode="pessimistic"
      redirect={false}
      mutationOptions={{ onSuccess: () => notify("resources.merchant.saved", { type: "success" }) }}
    >
      <SimpleForm toolbar={<SaveOnlyToolbar />}>
        <TextInput source="name" validate={required()} />
        <AutocompleteInput
          source="timeZone"
          choices={zones}
          validate={required()}
          helperText="resources.merchant.time_zone_hint"
          translateChoice={false}
        />
        <TextInput source="currency" disabled />
      </SimpleForm>
    </Edit>
  );
}
