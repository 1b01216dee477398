/**
 * What issuing coupons did, member by member: the coupon issued (or issued
 * before, for a resent request) with its code and validity, or why not.
 */
import {
  Alert,
  Button,
  Chip,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useTranslate } from "react-admin";
import type { IssueTarget } from "./IssueMembers";

const I = "resources.couponTemplates.issue";

export interface IssueResult {
  memberId: string;
  created: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  coupon: { code: string; displayCode: string; validUntil: string } | null;
}

/** The dialog's title, the summary and the table of results, and its close button. */
export function IssueResults({
  results,
  members,
  format,
  onClose,
}: {
  results: IssueResult[];
  members: IssueTarget[];
  format: (iso: string) => string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const nameOf = (memberId: string) => members.find((member) => member.id === memberId)?.name ?? memberId;
  const issued = results.filter((result) => result.coupon).length;
  return (
    <>
      <DialogTitle>{translate(`${I}.done_title`)}</DialogTitle>
      <DialogContent>
        <Alert severity={issued === results.length ? "success" : "warning"} sx={{ mb: 2 }} data-testid="issue-summary">
          {translate(`${I}.summary`, { issued, total: results.length })}
        </Alert>
        <Table size="small" data-testid="issue-results">
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${I}.member`)}</TableCell>
              <TableCell>{translate(`${I}.result`)}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {results.map((result) => (
              <TableRow key={result.memberId} data-testid="issue-result" data-member-id={result.memberId}>
                <TableCell>{nameOf(result.memberId)}</TableCell>
                <TableCell>
                  <IssueOutcome result={result} format={format} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid="issue-close">
          {translate(`${I}.close`)}
        </Button>
      </DialogActions>
    </>
  );
}

/** One member's result: the coupon's state, code and validity, or the refusal and its message. */
function IssueOutcome({ result, format }: { result: IssueResult; format: (iso: string) => string }) {
  const translate = useTranslate();
  return result.coupon ? (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
      <Chip
        size="small"
        color="success"
        label={translate(result.created ? `${I}.issued` : `${I}.issued_before`)}
        data-testid="issue-result-state"
      />
      <Typography variant="body2" sx={{ fontFamily: "monospace" }} data-testid="issue-result-code">
        {result.coupon.displayCode}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate(`${I}.valid_until`, { date: format(result.coupon.validUntil) })}
      </Typography>
    </Stack>
  ) : (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
      <Chip
        size="small"
        color="warning"
        label={translate(`${I}.errors.${result.errorCode}`, { _: result.errorCode ?? "" })}
        data-testid="issue-result-state"
      />
      <Typography variant="caption" color="text.secondary">
        {result.errorMessage}
      </Typography>
    </Stack>
  );
}
