/** What the picked file holds, before it is imported: name, encoding, rows, and the columns mapped and ignored. */
import { Alert, Box, Chip, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { HeaderMap } from "../../../functions/core/member-import";
import type { ParsedFile } from "./memberFile";

export function FilePreview({ file }: { file: ParsedFile }) {
  const translate = useTranslate();
  const total = file.rows.length;
  return (
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
      {file.map && <HeaderColumns header={file.header} map={file.map} />}
      {total === 0 && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {translate("resources.import.no_rows")}
        </Alert>
      )}
    </Box>
  );
}

/** The file's columns mapped to member fields, and those ignored. */
function HeaderColumns({ header, map }: { header: string[]; map: HeaderMap }) {
  const translate = useTranslate();
  const mapped = Object.entries(map.columns).map(([field, index]) => ({ field, title: header[index!] }));
  return (
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
        {map.ignored.length === 0 ? (
          <Typography variant="body2">{translate("resources.import.none")}</Typography>
        ) : (
          map.ignored.map((title) => <Chip key={title} label={title} />)
        )}
      </Box>
    </>
  );
}
