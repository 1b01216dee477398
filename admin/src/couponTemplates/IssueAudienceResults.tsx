/**
 * What issuing to a segment or tag did, as a summary: the audience's members,
 * coupons issued, members this request had already given one (a resend), and
 * members given none by reason (库存不足, 已达每人上限, …), with the first of
 * those members by name (their short id until the names are read).
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
import { useGetMany, useTranslate } from "react-admin";
import { shortId } from "../common/shortId";
import type { IssueCouponsToAudienceMutation } from "../generated/graphql";

const I = "resources.couponTemplates.issue";
const A = `${I}.audience`;

export type AudienceIssue = IssueCouponsToAudienceMutation["issueCouponsToAudience"];

/** A reason in words (库存不足); an unknown one as the API named it. */
const reasonText = (reason: string | null, translate: (key: string, options?: object) => string) =>
  translate(`resources.couponTemplates.reasons.${reason}`, { _: reason ?? "" });

export function AudienceResults({
  result,
  audienceName,
  onClose,
}: {
  result: AudienceIssue;
  /** 人群「高价值」 / 标签「咖啡控」. */
  audienceName: string;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const notGiven = result.notGiven.reduce((sum, count) => sum + count.members, 0);
  return (
    <>
      <DialogTitle>{translate(`${I}.done_title`)}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="audience-members">
          {translate(`${A}.members`, { audience: audienceName, count: result.members })}
        </Typography>
        <Alert
          severity={notGiven > 0 ? "warning" : "success"}
          sx={{ mb: 2 }}
          data-testid="audience-summary"
          data-issued={result.issued}
          data-already={result.alreadyIssued}
          data-not-given={notGiven}
        >
          {translate(`${A}.summary`, { issued: result.issued, already: result.alreadyIssued, notGiven })}
          {result.notGiven.length > 0 && (
            <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: "wrap" }}>
              {result.notGiven.map((count) => (
                <Chip
                  key={count.reason}
                  size="small"
                  color="warning"
                  variant="outlined"
                  label={translate(`${A}.reason_count`, {
                    reason: reasonText(count.reason, translate),
                    count: count.members,
                  })}
                  data-testid="audience-reason"
                  data-reason={count.reason}
                />
              ))}
            </Stack>
          )}
        </Alert>
        {result.notGivenMembers.length > 0 && <NotGivenMembers result={result} notGiven={notGiven} />}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid="issue-close">
          {translate(`${I}.close`)}
        </Button>
      </DialogActions>
    </>
  );
}

/** The members given none that the answer lists (the first 100), by name, with why; how many more there were. */
function NotGivenMembers({ result, notGiven }: { result: AudienceIssue; notGiven: number }) {
  const translate = useTranslate();
  const ids = result.notGivenMembers.map((member) => member.memberId);
  const { data: members } = useGetMany<{ id: string; name: string }>("members", { ids });
  const nameOf = (id: string) => members?.find((member) => member.id === id)?.name;
  return (
    <>
      <Typography variant="subtitle2" gutterBottom>
        {translate(`${A}.not_given_title`)}
      </Typography>
      <Table size="small" data-testid="audience-not-given-list">
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${I}.member`)}</TableCell>
            <TableCell>{translate(`${I}.result`)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.notGivenMembers.map((member) => (
            <TableRow key={member.memberId} data-testid="audience-not-given" data-member-id={member.memberId}>
              <TableCell title={member.memberId} data-testid="audience-not-given-name">
                {nameOf(member.memberId) ?? shortId(member.memberId)}
              </TableCell>
              <TableCell data-testid="audience-not-given-reason">{reasonText(member.errorCode, translate)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {notGiven > result.notGivenMembers.length && (
        <Typography variant="caption" color="text.secondary" sx={{ display: "block", mt: 1 }}>
          {translate(`${A}.more_not_given`, { count: notGiven - result.notGivenMembers.length })}
        </Typography>
      )}
    </>
  );
}
