/**
 * Owners and managers: import members from a CSV file. The file is decoded and
 * parsed in the browser (the same code as the API and the CLI), its columns
 * checked, then sent in chunks of 500 rows with a progress bar.
 */
import UploadFileIcon from "@mui/icons-material/UploadFile";
import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useState, type ChangeEvent } from "react";
import { Title, useGetList, useTranslate } from "react-admin";
import type { Document } from "../dataProvider/document";
import { useRequest, type GraphqlRequest } from "../dataProvider/useRequest";
import type { ImportMembersMutation, ImportMembersMutationVariables } from "../generated/graphql";
import { useMerchantTimeZone } from "../merchant/useMerchant";
import { FilePreview } from "./FilePreview";
import { ImportProgress, type Progress } from "./ImportProgress";
import { readMemberFile, type ParsedFile } from "./memberFile";

const IMPORT_MEMBERS: Document<ImportMembersMutation, ImportMembersMutationVariables> = /* GraphQL */ `
  mutation importMembers($input: ImportMembersInput!) {
    importMembers(input: $input) {
      rows
      created
      existing
      failed
      errors {
        row
        column
        reason
      }
      ignoredColumns
    }
  }
`;

export const CHUNK = 500;

/** Sends the file's rows in chunks of CHUNK, reporting the progress after each; a failed chunk stops the import. */
async function importInChunks(
  request: GraphqlRequest,
  file: ParsedFile,
  storeId: string,
  report: (progress: Progress) => void,
) {
  let state: Progress = { done: 0, created: 0, existing: 0, failed: 0, errors: [], finished: false };
  report(state);
  for (let offset = 0; offset < file.rows.length; offset += CHUNK) {
    const rows = file.rows.slice(offset, offset + CHUNK);
    try {
      const { importMembers: chunk } = await request(IMPORT_MEMBERS, {
        input: { header: file.header, rows, firstRow: offset + 2, defaultStoreId: storeId || undefined },
      });
      state = {
        ...state,
        done: offset + rows.length,
        created: state.created + chunk.created,
        existing: state.existing + chunk.existing,
        failed: state.failed + chunk.failed,
        errors: [...state.errors, ...chunk.errors],
      };
      report(state);
    } catch (error) {
      state = { ...state, finished: true, stopped: (error as Error).message };
      report(state);
      return;
    }
  }
  report({ ...state, finished: true });
}

export function ImportPage() {
  const translate = useTranslate();
  const request = useRequest();
  const timeZone = useMerchantTimeZone();
  const { data: stores } = useGetList<Store>("stores", { pagination: { page: 1, perPage: 100 } });
  const [file, setFile] = useState<ParsedFile>();
  const [readError, setReadError] = useState<string>();
  const [storeId, setStoreId] = useState("");
  const [progress, setProgress] = useState<Progress>();
  const running = progress !== undefined && !progress.finished;

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    event.target.value = "";
    setProgress(undefined);
    setReadError(undefined);
    setFile(undefined);
    if (!picked) return;
    try {
      setFile(await readMemberFile(picked));
    } catch (error) {
      setReadError((error as Error).message);
    }
  };

  const start = async () => {
    if (!file?.map) return;
    await importInChunks(request, file, storeId, setProgress);
  };

  const total = file?.rows.length ?? 0;

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="resources.import.title" />
      <CardContent>
        <Stack spacing={2} sx={{ maxWidth: 900 }}>
          <Typography variant="h5">{translate("resources.import.title")}</Typography>
          <Box>
            <Button variant="outlined" component="label" startIcon={<UploadFileIcon />} disabled={running}>
              {translate("resources.import.pick")}
              <input
                hidden
                type="file"
                accept=".csv,text/csv"
                data-testid="import-file"
                onChange={(event) => void pick(event)}
              />
            </Button>
          </Box>
          {readError && <Alert severity="error">{readError}</Alert>}
          {file && <FilePreview file={file} />}
          {file?.map && total > 0 && (
            <ImportStart stores={stores} storeId={storeId} setStoreId={setStoreId} running={running} start={start} />
          )}
          {progress && <ImportProgress progress={progress} total={total} timeZone={timeZone} />}
        </Stack>
      </CardContent>
    </Card>
  );
}

interface Store {
  id: string;
  name: string;
}

/** The store members without one get, and the button that starts the import. */
function ImportStart({
  stores,
  storeId,
  setStoreId,
  running,
  start,
}: {
  stores: Store[] | undefined;
  storeId: string;
  setStoreId: (storeId: string) => void;
  running: boolean;
  start: () => Promise<void>;
}) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
      <TextField
        select
        size="small"
        sx={{ minWidth: 280 }}
        label={translate("resources.import.default_store")}
        value={storeId}
        onChange={(event) => setStoreId(event.target.value)}
        disabled={running}
      >
        <MenuItem value="">—</MenuItem>
        {(stores ?? []).map((store) => (
          <MenuItem key={store.id} value={store.id}>
            {store.name}
          </MenuItem>
        ))}
      </TextField>
      <Button
        variant="contained"
        onClick={() => void start()}
        disabled={running}
        sx={{ whiteSpace: "nowrap", flexShrink: 0 }}
      >
        {translate("resources.import.start")}
      </Button>
    </Stack>
  );
}
