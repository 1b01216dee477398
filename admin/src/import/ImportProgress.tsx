/** An import under way or done: the progress bar, the counts, how it ended, and the rows refused. */
import {
  Alert,
  Box,
  Button,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useTranslate } from "react-admin";
import { toCsv } from "../../../functions/core/csv";
import { downloadText, today } from "../common/download";

export interface ImportError {
  row: number;
  column: string;
  reason: string;
}

export interface Progress {
  done: number;
  created: number;
  existing: number;
  failed: number;
  errors: ImportError[];
  finished: boolean;
  stopped?: string;
}

export function ImportProgress({
  progress,
  total,
  timeZone,
}: {
  progress: Progress;
  total: number;
  timeZone: string | undefined;
}) {
  const translate = useTranslate();
  return (
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
      {progress.finished && progress.errors.length > 0 && <ImportErrors errors={progress.errors} timeZone={timeZone} />}
    </Box>
  );
}

/** The rows refused (the first 100 shown; all of them as a CSV download). */
function ImportErrors({ errors, timeZone }: { errors: ImportError[]; timeZone: string | undefined }) {
  const translate = useTranslate();
  const downloadErrors = () => {
    const header = ["row", "column", "reason"].map((key) => translate(`resources.import.error_header.${key}`));
    downloadText(
      `import-errors-${today(timeZone)}.csv`,
      toCsv([header, ...errors.map((error) => [error.row, error.column, error.reason])]),
    );
  };
  return (
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
          {errors.slice(0, 100).map((error, index) => (
            <TableRow key={`${error.row}-${error.column}-${index}`}>
              <TableCell>{error.row}</TableCell>
              <TableCell>{error.column}</TableCell>
              <TableCell>{error.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
