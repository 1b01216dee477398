/**
 * Owners and managers: import members from a CSV file. The file is decoded and
 * parsed in the browser (the same code as the API and the CLI), its columns
 * checked, then sent in chunks of 500 rows with a progress bar.
 */
import UploadFileIcon from "@mui/icons-material/UploadFile";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useState, type ChangeEvent } from "react";
import { Title, useGetList, useTranslate } from "react-admin";
import { decodeCsv, parseCsv, toCsv } from "../../../functions/core/csv";
import { mapHeader, type HeaderMap } from "../../../functions/core/member-import";
import { downloadText, today } from "../common/download";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { ImportMembersMutation, ImportMembersMutationVariables } from "../generated/graphql";
import { useMerchantTimeZone } from "../merchant/useMerchant";

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

interface ParsedFile {
  name: string;
  encoding: string;
  header: string[];
  rows: string[][];
  map?: HeaderMap;
  headerError?: string;
}

interface ImportError {
  row: number;
  column: string;
  reason: string;
}

interface Progress {
  done: number;
  created: number;
  existing: number;
  failed: number;
  errors: ImportError[];
  finished: boolean;
  stopped?: string;
}

/** Read a file picked in the browser: bytes → text (UTF-8/GB18030…) → rows, and its header mapped. */
export async function readMemberFile(file: File): Promise<ParsedFile> {
  const { text, encoding } = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  const [header = [], ...rows] = parseCsv(text);
  const parsed: ParsedFile = { name: file.name, encoding, header, rows };
  try {
    parsed.map = mapHeader(header);
  } catch (error) {
    parsed.headerError = (error as Error).message;
  }
  return parsed;
}

export function ImportPage() {
  const translate = useTranslate();
  const request = useRequest();
  const timeZone = useMerchantTimeZone();
  const { data: stores } = useGetList<{ id: string; name: string }>("stores", {
    pagination: { page: 1, perPage: 100 },
  });
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
    let state: Progress = { done: 0, created: 0, existing: 0, failed: 0, errors: [], finished: false };
    setProgress(state);
    for (let offset = 0; offset < file.rows.length; offset += CHUNK) {
      const rows = file.rows.slice(offset, offset + CHUNK);
      try {
        const { importMembers: report } = await request(IMPORT_MEMBERS, {
          input: { header: file.header, rows, firstRow: offset + 2, defaultStoreId: storeId || undefined },
        });
        state = {
          ...state,
          done: offset + rows.length,
          created: state.created + report.created,
          existing: state.existing + report.existing,
          failed: state.failed + report.failed,
          errors: [...state.errors, ...report.errors],
        };
        setProgress(state);
      } catch (error) {
        state = { ...state, finished: true, stopped: (error as Error).message };
        setProgress(state);
        return;
      }
    }
    setProgress({ ...state, finished: true });
  };

  const downloadErrors = () => {
    if (!progress) return;
    const header = ["row", "column", "reason"].map((key) => translate(`resources.import.error_header.${key}`));
    downloadText(
      `import-errors-${today(timeZone)}.csv`,
      toCsv([header, ...progress.errors.map((error) => [error.row, error.column, error.reason])]),
    );
  };

  const total = file?.rows.length ?? 0;
  const mapped = file?.map
    ? Object.entries(file.map.columns).map(([field, index]) => ({ field, title: file.header[index!] }))
    : [];

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
          {file && (
            <Box data-testid="import-preview">
              <Typography variant="body2">{translate("resources.import.file", { name: file.name })}</Typography>
              <Typography variant="body2" data-testid="import-encoding">
                {translate("resources.import.encoding", { encoding: file.encoding })}
              </Typography>
              <Typography variant="body2" data-testid="import-rows">
                {translate("resources.import.rows", { count: total })}
              </Typography>
              {file.headerError && (
                <Alert severity="error" sx={{ mt: 1 }} data-testid="import-header-error">
                  {file.headerError}
                </Alert>
              )}
              {file.map && (
                <>
                  <Typography variant="subtitle2" sx={{ mt: 1 }}>
                    {translate("resources.import.mapped")}
                  </Typography>
                  <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }} data-testid="import-mapped">
                    {mapped.map(({ field, title }) => (
                      <Chip
                        key={field}
                        color="primary"
                        variant="outlined"
                        label={`${title} → ${translate(`resources.import.field.${field}`)}`}
                      />
                    ))}
                  </Box>
                  <Typography variant="subtitle2" sx={{ mt: 1 }}>
                    {translate("resources.import.ignored")}
                  </Typography>
                  <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }} data-testid="import-ignored">
                    {file.map.ignored.length === 0 ? (
                      <Typography variant="body2">{translate("resources.import.none")}</Typography>
                    ) : (
                      file.map.ignored.map((title) => <Chip key={title} label={title} />)
                    )}
                  </Box>
                </>
              )}
              {total === 0 && (
                <Alert severity="warning" sx={{ mt: 1 }}>
                  {translate("resources.import.no_rows")}
                </Alert>
              )}
            </Box>
          )}
          {file?.map && total > 0 && (
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
          )}
          {progress && (
            <Box data-testid="import-progress">
              <LinearProgress
                variant="determinate"
                value={total ? (progress.done / total) * 100 : 100}
                sx={{ height: 8, borderRadius: 1 }}
              />
              <Typography variant="body2" sx={{ mt: 1 }}>
                {translate("resources.import.progress", { done: progress.done, total })}
              </Typography>
              <Stack direction="row" spacing={3} sx={{ mt: 1 }}>
                <Typography data-testid="import-created">
                  {translate("resources.import.created")}: {progress.created}
                </Typography>
                <Typography data-testid="import-existing">
                  {translate("resources.import.existing")}: {progress.existing}
                </Typography>
                <Typography data-testid="import-failed" color={progress.failed ? "error" : undefined}>
                  {translate("resources.import.failed")}: {progress.failed}
                </Typography>
              </Stack>
              {progress.stopped && (
                <Alert severity="error" sx={{ mt: 1 }}>
                  {translate("resources.import.stopped", { error: progress.stopped })}
                </Alert>
              )}
              {progress.finished && !progress.stopped && (
                <Alert severity={progress.failed ? "warning" : "success"} sx={{ mt: 1 }} data-testid="import-summary">
                  {translate("resources.import.done", {
                    created: progress.created,
                    existing: progress.existing,
                    failed: progress.failed,
                  })}
                </Alert>
              )}
              {progress.finished && progress.errors.length > 0 && (
                <Box sx={{ mt: 2 }}>
                  <Stack direction="row" spacing={2} sx={{ alignItems: "center", mb: 1 }}>
                    <Typography variant="subtitle2">{translate("resources.import.errors")}</Typography>
                    <Button size="small" variant="outlined" onClick={downloadErrors}>
                      {translate("resources.import.download_errors")}
                    </Button>
                  </Stack>
                  <Table size="small" data-testid="import-errors">
                    <TableHead>
                      <TableRow>
                        {["row", "column", "reason"].map((key) => (
                          <TableCell key={key}>{translate(`resources.import.error_header.${key}`)}</TableCell>
                        ))}
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {progress.errors.slice(0, 100).map((error, index) => (
                        <TableRow key={`${error.row}-${error.column}-${index}`}>
                          <TableCell>{error.row}</TableCell>
                          <TableCell>{error.column}</TableCell>
                          <TableCell>{error.reason}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </Box>
              )}
            </Box>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
