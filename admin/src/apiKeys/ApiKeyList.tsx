import { Chip } from "@mui/material";
import { DataTable, List, NumberField, ReferenceField, TextField, useRecordContext, useTranslate } from "react-admin";
import { DateTimeField } from "../merchant/DateTimeField";
import { RevokeButton } from "./RevokeButton";

function RevokedField() {
  const record = useRecordContext<{ revokedAt?: string | null }>();
  const translate = useTranslate();
  if (record?.revokedAt) return <DateTimeField source="revokedAt" />;
  return <Chip size="small" color="success" variant="outlined" label={translate("resources.apiKeys.active")} />;
}

export function ApiKeyList() {
  return (
    <List exporter={false} pagination={false}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="storeId" disableSort>
          <ReferenceField source="storeId" reference="stores" link={false} emptyText="app.all_stores">
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="rateLimitPerSecond" disableSort>
          <NumberField source="rateLimitPerSecond" emptyText="resources.apiKeys.rate_default" />
        </DataTable.Col>
        <DataTable.Col source="prefix" disableSort>
          <TextField source="prefix" sx={{ fontFamily: "monospace" }} />
        </DataTable.Col>
        <DataTable.Col source="createdAt" disableSort>
          <DateTimeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="revokedAt" disableSort>
          <RevokedField />
        </DataTable.Col>
        <DataTable.Col disableSort label={false}>
          <RevokeButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
