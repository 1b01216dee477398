/**
 * 发券: issue coupons of one template to members by hand (owners and managers).
 * The template is fixed (from the template list) or picked (from a member's
 * wallet); the members are given (a member page, rows selected in the member
 * list) or found by phone or member code, or — opened without members — the
 * coupon goes to a saved segment or a tag at once (按人群, issueCouponsToAudience).
 * The request id is made on opening and renewed whenever the choice changes,
 * so a resend after a lost answer issues nothing twice. Each member's result
 * is shown on its own; an audience's as a summary with who was given none and why.
 */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useMutationDialog, type MutationDialog } from "../common/useMutationDialog";
import type { Document } from "../dataProvider/document";
import { ApiError, toApiError } from "../dataProvider/errors";
import { useRequest } from "../dataProvider/useRequest";
import type {
  IssueCouponsMutation,
  IssueCouponsMutationVariables,
  IssueCouponsToAudienceMutation,
  IssueCouponsToAudienceMutationVariables,
} from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import type { CouponTemplateRecord } from "./fields";
import { audienceLabel, MAX_AUDIENCE } from "./IssueAudience";
import { AudienceResults, type AudienceIssue } from "./IssueAudienceResults";
import { IssueForm, templateLabel, useIssueChoice, type IssueChoice } from "./IssueForm";
import type { IssueTarget } from "./IssueMembers";
import { IssueResults, type IssueResult } from "./IssueResults";
import { useCouponTemplates } from "./useCouponTemplates";
import { useCouponValue } from "./useCouponValue";

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

const ISSUE_TO_AUDIENCE: Document<IssueCouponsToAudienceMutation, IssueCouponsToAudienceMutationVariables> =
  /* GraphQL */ `
    mutation issueCouponsToAudience(
      $templateId: ID!
      $audience: CouponAudienceInput!
      $requestId: String!
      $note: String
    ) {
      issueCouponsToAudience(templateId: $templateId, audience: $audience, requestId: $requestId, note: $note) {
        members
        issued
        alreadyIssued
        notGiven {
          reason
          members
        }
        notGivenMembers {
          memberId
          errorCode
          errorMessage
          created
          coupon {
            code
          }
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

/** The audience mutation's variables for the choice, with the request id. */
const audienceVariables = ({ templateId, audience, note }: IssueChoice, requestId: string) => ({
  templateId,
  audience: audience.kind === "segment" ? { segmentId: audience.id } : { tag: audience.id },
  requestId,
  note: note.trim() || undefined,
});

/**
 * The API refuses an audience of more than MAX_AUDIENCE members as bad input on the audience (the picker only
 * offers segments and tags that exist): said in the console's words, with the way out — a campaign.
 */
function audienceRefusal(error: unknown, translate: (key: string, options?: object) => string): ApiError {
  const refused = toApiError(error);
  if (refused.code !== "BAD_USER_INPUT" || !["audience.segmentId", "audience.tag"].includes(refused.field ?? ""))
    return refused;
  const message = translate(`${I}.audience.too_many`, { max: MAX_AUDIENCE });
  return new ApiError(message, refused.code, undefined, refused.field, refused.apiMessage);
}

/**
 * Sends the choice (to the members, or to the audience) with the dialog's request id; keeps what came back.
 */
function useIssue(choice: IssueChoice, submit: MutationDialog["submit"], onIssued: (() => void) | undefined) {
  const translate = useTranslate();
  const request = useRequest();
  const queryClient = useQueryClient();
  const [results, setResults] = useState<IssueResult[]>();
  const [audienceResult, setAudienceResult] = useState<AudienceIssue>();
  const issued = async () => {
    onIssued?.();
    await queryClient.invalidateQueries({ queryKey: ["couponTemplates"] });
  };
  const issue = () => {
    if (!choice.ready) return;
    if (choice.mode === "audience")
      void submit({
        send: (requestId) =>
          request(ISSUE_TO_AUDIENCE, audienceVariables(choice, requestId)).catch((error: unknown) => {
            throw audienceRefusal(error, translate);
          }),
        done: async (data) => {
          setAudienceResult(data.issueCouponsToAudience);
          await issued();
        },
      });
    else
      void submit({
        send: (requestId) => request(ISSUE_COUPONS, issueVariables(choice, requestId)),
        done: async (data) => {
          setResults(data.issueCoupons);
          await issued();
        },
      });
  };
  return { results, audienceResult, issue };
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
  const { busy, error: apiError, renewKey, dismiss, submit } = useMutationDialog({ onClose });
  const format = useFormatDateTime();
  const templates = useCouponTemplates();
  const choice = useIssueChoice(fixedTemplate, given, templates.data, renewKey);
  const { results, audienceResult, issue } = useIssue(choice, submit, onIssued);
  // Coupons are money to the member: the choice is confirmed before it is sent.
  const [confirming, setConfirming] = useState(false);

  return (
    <Dialog open onClose={results || audienceResult ? onClose : dismiss} fullWidth maxWidth="sm">
      {audienceResult ? (
        <AudienceResults
          result={audienceResult}
          audienceName={audienceLabel(choice.audience, choice.audienceFacts, translate)}
          onClose={onClose}
        />
      ) : results ? (
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
        ready={choice.ready}
        submitLabel={submitLabel(choice, translate)}
        onCancel={onClose}
        onStep={setConfirming}
        onIssue={onIssue}
      />
    </>
  );
}

/** 发放（3 人）: the members picked, or the audience's size once known. */
function submitLabel(choice: IssueChoice, translate: (key: string, options?: object) => string): string {
  if (choice.mode === "members") return translate(`${I}.submit`, { count: choice.members.length });
  const { size } = choice.audienceFacts;
  return size === undefined || !choice.audience.id
    ? translate(`${I}.audience.submit`)
    : translate(`${I}.submit`, { count: size.toLocaleString() });
}

/** What is about to be issued: to the members picked, or to the audience (with its size when known). */
function confirmText(
  choice: IssueChoice,
  translate: (key: string, options?: object) => string,
  value: (template: CouponTemplateRecord) => string,
): string {
  const { template } = choice;
  const name = template ? templateLabel(template, value) : choice.templateId;
  if (choice.mode === "members") return translate(`${I}.confirm_text`, { count: choice.members.length, name });
  const { size } = choice.audienceFacts;
  const audience = audienceLabel(choice.audience, choice.audienceFacts, translate);
  return size === undefined
    ? translate(`${I}.audience.confirm_text_unknown`, { audience, name })
    : translate(`${I}.audience.confirm_text`, { audience, count: size.toLocaleString(), name });
}

/** What is about to be issued, for the confirmation, and the API's refusal. */
function IssueConfirmText({ choice, apiError }: { choice: IssueChoice; apiError: string | undefined }) {
  const translate = useTranslate();
  const value = useCouponValue();
  return (
    <>
      <Alert severity="warning" data-testid="issue-confirm-text">
        {confirmText(choice, translate, value)}
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
  submitLabel: label,
  onCancel,
  onStep,
  onIssue,
}: {
  confirming: boolean;
  busy: boolean;
  /** A template and at least one member (or an audience) are chosen. */
  ready: boolean;
  /** The submit button's label: 发放（3 人）. */
  submitLabel: string;
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
            {label}
          </Button>
        </>
      )}
    </DialogActions>
  );
}
