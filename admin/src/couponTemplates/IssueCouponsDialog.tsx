/**
 * 发券: issue coupons of one template to members by hand (owners and managers).
 * The template is fixed (from the template list) or picked (from a member's
 * wallet); the members are given (a member page, rows selected in the member
 * list) or found by phone or member code. The request id is made on opening
 * and renewed whenever the choice changes, so a resend after a lost answer
 * issues nothing twice. Each member's result is shown on its own.
 */
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
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
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useMutationDialog } from "../common/useMutationDialog";
import { memberLookup } from "../dataProvider/resources";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type {
  FindMemberByCodeQuery,
  FindMemberByCodeQueryVariables,
  FindMemberByPhoneQuery,
  FindMemberByPhoneQueryVariables,
  IssueCouponsMutation,
  IssueCouponsMutationVariables,
} from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { errorMessage } from "../members/loyalty/api";
import { couponValue } from "./fields";
import { canIssue, useCouponTemplates } from "./useCouponTemplates";

export interface IssueTarget {
  id: string;
  name: string;
  /** As the caller may see it (masked for some roles). */
  phone?: string;
}

interface IssueResult {
  memberId: string;
  created: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  coupon: { code: string; displayCode: string; validUntil: string } | null;
}

const I = "resources.couponTemplates.issue";

const FIND_BY_PHONE: Document<FindMemberByPhoneQuery, FindMemberByPhoneQueryVariables> = /* GraphQL */ `
  query findMemberByPhone($value: String!) {
    found: memberByPhone(phone: $value) {
      id
      name
      phone
    }
  }
`;

const FIND_BY_CODE: Document<FindMemberByCodeQuery, FindMemberByCodeQueryVariables> = /* GraphQL */ `
  query findMemberByCode($value: String!) {
    found: memberByCode(code: $value) {
      id
      name
      phone
    }
  }
`;

const ISSUE_COUPONS: Document<IssueCouponsMutation, IssueCouponsMutationVariables> = /* GraphQL */ `
  mutation issueCoupons($templateId: ID!, $memberIds: [ID!]!, $requestId: String!, $note: String) {
    issueCoupons(templateId: $templateId, memberIds: $memberIds, requestId: $requestId, note: $note) {
      memberId
      created
      errorCode
      errorMessage
      coupon {
        code
        displayCode
        validUntil
      }
    }
  }
`;

/** Finds a member by full phone number or member code and adds them to the list. */
function MemberFinder({ onFound }: { onFound: (member: IssueTarget) => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const find = async () => {
    const value = text.trim();
    if (!value) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const byPhone = memberLookup(value).query === "memberByPhone";
      const data = await request(byPhone ? FIND_BY_PHONE : FIND_BY_CODE, { value });
      if (data.found) {
        onFound(data.found);
        setText("");
      } else setProblem(translate(`${I}.not_found`, { value }));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      component="form"
      sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}
      onSubmit={(event) => {
        event.preventDefault();
        void find();
      }}
    >
      <TextField
        size="small"
        sx={{ flex: 1 }}
        label={translate(`${I}.find`)}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={Boolean(problem)}
        helperText={problem ?? translate(`${I}.find_hint`)}
        slotProps={{ htmlInput: { "data-testid": "issue-find", maxLength: 40 } }}
      />
      <Button type="submit" variant="outlined" disabled={busy || !text.trim()} data-testid="issue-find-add">
        {translate(`${I}.add`)}
      </Button>
    </Box>
  );
}

export function IssueCouponsDialog({
  templateId: fixedTemplate,
  members: given,
  onClose,
  onIssued,
}: {
  templateId?: string;
  members?: IssueTarget[];
  onClose: () => void;
  onIssued?: () => void;
}) {
  const translate = useTranslate();
  const request = useRequest();
  const { busy, error: apiError, renewKey, dismiss, submit } = useMutationDialog({ onClose });
  const queryClient = useQueryClient();
  const format = useFormatDateTime();
  const templates = useCouponTemplates();
  const [templateId, setTemplateId] = useState(fixedTemplate ?? "");
  const [members, setMembers] = useState<IssueTarget[]>(given ?? []);
  const [note, setNote] = useState("");
  const [results, setResults] = useState<IssueResult[]>();
  // Coupons are money to the member: the choice is confirmed before it is sent.
  const [confirming, setConfirming] = useState(false);

  const template = templates.data?.find((candidate) => candidate.id === templateId);
  const choices = (templates.data ?? []).filter((candidate) => canIssue(candidate) || candidate.id === templateId);
  // A different choice is a different request.
  const changeTemplate = (id: string) => {
    setTemplateId(id);
    renewKey();
  };
  const changeMembers = (next: IssueTarget[]) => {
    setMembers(next);
    renewKey();
  };

  const issue = () => {
    if (!templateId || members.length === 0) return;
    void submit({
      send: (requestId) =>
        request(ISSUE_COUPONS, {
          templateId,
          memberIds: members.map((member) => member.id),
          requestId,
          note: note.trim() || undefined,
        }),
      done: async (data) => {
        setResults(data.issueCoupons);
        onIssued?.();
        await queryClient.invalidateQueries({ queryKey: ["couponTemplates"] });
      },
    });
  };

  const nameOf = (memberId: string) => members.find((member) => member.id === memberId)?.name ?? memberId;

  if (results) {
    const issued = results.filter((result) => result.coupon).length;
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="sm">
        <DialogTitle>{translate(`${I}.done_title`)}</DialogTitle>
        <DialogContent>
          <Alert
            severity={issued === results.length ? "success" : "warning"}
            sx={{ mb: 2 }}
            data-testid="issue-summary"
          >
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
                    {result.coupon ? (
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
                    )}
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
      </Dialog>
    );
  }

  if (confirming) {
    return (
      <Dialog open onClose={dismiss} fullWidth maxWidth="sm">
        <DialogTitle>{translate(`${I}.confirm_title`)}</DialogTitle>
        <DialogContent>
          <Alert severity="warning" data-testid="issue-confirm-text">
            {translate(`${I}.confirm_text`, {
              count: members.length,
              name: template ? `${template.name} · ${couponValue(template, translate)}` : templateId,
            })}
          </Alert>
          {apiError && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="issue-error">
              {apiError}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} disabled={busy}>
            {translate(`${I}.back`)}
          </Button>
          <Button variant="contained" onClick={issue} disabled={busy} data-testid="issue-confirm">
            {translate(`${I}.confirm`)}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={dismiss} fullWidth maxWidth="sm">
      <DialogTitle>{translate(`${I}.title`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {fixedTemplate ? (
            <Typography data-testid="issue-template">
              {template ? `${template.name} · ${couponValue(template, translate)}` : fixedTemplate}
            </Typography>
          ) : (
            <TextField
              select
              size="small"
              label={translate(`${I}.template`)}
              value={templates.data ? templateId : ""}
              onChange={(event) => changeTemplate(event.target.value)}
              helperText={templates.data && choices.length === 0 ? translate(`${I}.no_templates`) : undefined}
              slotProps={{ htmlInput: { "data-testid": "issue-template-select" } }}
            >
              {choices.map((candidate) => (
                <MenuItem key={candidate.id} value={candidate.id}>
                  {candidate.name} · {couponValue(candidate, translate)}
                </MenuItem>
              ))}
            </TextField>
          )}
          {template && !canIssue(template) && <Alert severity="warning">{translate(`${I}.cannot_issue`)}</Alert>}
          {template && template.totalStock !== null && (
            <Typography variant="caption" color="text.secondary">
              {translate(`${I}.stock_left`, { left: Math.max(0, template.totalStock - template.issued) })}
            </Typography>
          )}
          <Box>
            <Typography variant="subtitle2" gutterBottom>
              {translate(`${I}.members`, { count: members.length })}
            </Typography>
            <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mb: 1 }} data-testid="issue-members">
              {members.map((member) => (
                <Chip
                  key={member.id}
                  label={member.phone ? `${member.name} · ${member.phone}` : member.name}
                  data-testid="issue-member"
                  onDelete={
                    busy || (given?.length === 1 && members.length === 1)
                      ? undefined
                      : () => changeMembers(members.filter((other) => other.id !== member.id))
                  }
                />
              ))}
            </Box>
            {!(given?.length === 1) && members.length < 200 && (
              <MemberFinder
                onFound={(found) =>
                  !members.some((member) => member.id === found.id) && changeMembers([...members, found])
                }
              />
            )}
          </Box>
          <TextField
            size="small"
            label={translate(`${I}.note`)}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 200, "data-testid": "issue-note" } }}
          />
          {apiError && (
            <Alert severity="error" data-testid="issue-error">
              {apiError}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate("ra.action.cancel")}
        </Button>
        <Button
          variant="contained"
          onClick={() => setConfirming(true)}
          disabled={busy || !templateId || members.length === 0}
          data-testid="issue-submit"
        >
          {translate(`${I}.submit`, { count: members.length })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
