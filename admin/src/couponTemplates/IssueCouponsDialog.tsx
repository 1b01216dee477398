/**
 * 发券: issue coupons of one template to members by hand (owners and managers).
 * The template is fixed (from the template list) or picked (from a member's
 * wallet); the members are given (a member page, rows selected in the member
 * list) or found by phone or member code. The request id is made on opening
 * and renewed whenever the choice changes, so a resend after a lost answer
 * issues nothing twice. Each member's result is shown on its own.
 */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useMutationDialog } from "../common/useMutationDialog";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { IssueCouponsMutation, IssueCouponsMutationVariables } from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import type { CouponTemplateRecord } from "./fields";
import { IssueForm, templateLabel, useIssueChoice, type IssueChoice } from "./IssueForm";
import type { IssueTarget } from "./IssueMembers";
import { IssueResults, type IssueResult } from "./IssueResults";
import { useCouponTemplates } from "./useCouponTemplates";

export type { IssueTarget } from "./IssueMembers";

const I = "resources.couponTemplates.issue";

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

/** The mutation's variables for the choice, with the request id. */
const issueVariables = ({ templateId, members, note }: IssueChoice, requestId: string) => ({
  templateId,
  memberIds: members.map((member) => member.id),
  requestId,
  note: note.trim() || undefined,
});

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
  const request = useRequest();
  const { busy, error: apiError, renewKey, dismiss, submit } = useMutationDialog({ onClose });
  const queryClient = useQueryClient();
  const format = useFormatDateTime();
  const templates = useCouponTemplates();
  const choice = useIssueChoice(fixedTemplate, given, templates.data, renewKey);
  const [results, setResults] = useState<IssueResult[]>();
  // Coupons are money to the member: the choice is confirmed before it is sent.
  const [confirming, setConfirming] = useState(false);

  const issue = () => {
    if (!choice.templateId || choice.members.length === 0) return;
    void submit({
      send: (requestId) => request(ISSUE_COUPONS, issueVariables(choice, requestId)),
      done: async (data) => {
        setResults(data.issueCoupons);
        onIssued?.();
        await queryClient.invalidateQueries({ queryKey: ["couponTemplates"] });
      },
    });
  };

  return (
    <Dialog open onClose={results ? onClose : dismiss} fullWidth maxWidth="sm">
      {results ? (
        <IssueResults results={results} members={choice.members} format={format} onClose={onClose} />
      ) : (
        <IssueSteps
          choice={choice}
          templates={templates.data}
          confirming={confirming}
          setConfirming={setConfirming}
          busy={busy}
          apiError={apiError}
          onClose={onClose}
          onIssue={issue}
        />
      )}
    </Dialog>
  );
}

/** The form, then its confirmation: title, content and buttons. */
function IssueSteps({
  choice,
  templates,
  confirming,
  setConfirming,
  busy,
  apiError,
  onClose,
  onIssue,
}: {
  choice: IssueChoice;
  templates: CouponTemplateRecord[] | undefined;
  confirming: boolean;
  setConfirming: (confirming: boolean) => void;
  busy: boolean;
  apiError: string | undefined;
  onClose: () => void;
  onIssue: () => void;
}) {
  const translate = useTranslate();
  return (
    <>
      <DialogTitle>{translate(confirming ? `${I}.confirm_title` : `${I}.title`)}</DialogTitle>
      <DialogContent>
        {confirming ? (
          <IssueConfirmText choice={choice} apiError={apiError} />
        ) : (
          <IssueForm choice={choice} templates={templates} busy={busy} apiError={apiError} />
        )}
      </DialogContent>
      <IssueActions
        confirming={confirming}
        busy={busy}
        ready={Boolean(choice.templateId) && choice.members.length > 0}
        count={choice.members.length}
        onCancel={onClose}
        onStep={setConfirming}
        onIssue={onIssue}
      />
    </>
  );
}

/** What is about to be issued, for the confirmation, and the API's refusal. */
function IssueConfirmText({ choice, apiError }: { choice: IssueChoice; apiError: string | undefined }) {
  const translate = useTranslate();
  const { template } = choice;
  return (
    <>
      <Alert severity="warning" data-testid="issue-confirm-text">
        {translate(`${I}.confirm_text`, {
          count: choice.members.length,
          name: template ? templateLabel(template, translate) : choice.templateId,
        })}
      </Alert>
      {apiError && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="issue-error">
          {apiError}
        </Alert>
      )}
    </>
  );
}

/** Cancel and submit on the form; back and confirm once confirming. */
function IssueActions({
  confirming,
  busy,
  ready,
  count,
  onCancel,
  onStep,
  onIssue,
}: {
  confirming: boolean;
  busy: boolean;
  /** A template and at least one member are chosen. */
  ready: boolean;
  count: number;
  onCancel: () => void;
  onStep: (confirming: boolean) => void;
  onIssue: () => void;
}) {
  const translate = useTranslate();
  return (
    <DialogActions>
      {confirming ? (
        <>
          <Button onClick={() => onStep(false)} disabled={busy}>
            {translate(`${I}.back`)}
          </Button>
          <Button variant="contained" onClick={onIssue} disabled={busy} data-testid="issue-confirm">
            {translate(`${I}.confirm`)}
          </Button>
        </>
      ) : (
        <>
          <Button onClick={onCancel} disabled={busy}>
            {translate("ra.action.cancel")}
          </Button>
          <Button variant="contained" onClick={() => onStep(true)} disabled={busy || !ready} data-testid="issue-submit">
            {translate(`${I}.submit`, { count })}
          </Button>
        </>
      )}
    </DialogActions>
  );
}
