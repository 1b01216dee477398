/**
 * The choice made in the issue dialog, and its form: the template (fixed, or
 * picked from those that may be issued), the members and a note.
 */
import { Alert, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { couponValue, type CouponTemplateRecord } from "./fields";
import { IssueMembers, type IssueTarget } from "./IssueMembers";
import { canIssue } from "./useCouponTemplates";

const I = "resources.couponTemplates.issue";

/**
 * The template and members chosen (from those the dialog was opened with), and the note; a different template or
 * members renews the request id.
 */
export function useIssueChoice(
  fixedTemplate: string | undefined,
  given: IssueTarget[] | undefined,
  templates: CouponTemplateRecord[] | undefined,
  renewKey: () => void,
) {
  const [templateId, setTemplateId] = useState(fixedTemplate ?? "");
  const [members, setMembers] = useState<IssueTarget[]>(given ?? []);
  const [note, setNote] = useState("");
  // A different choice is a different request.
  const changeTemplate = (id: string) => {
    setTemplateId(id);
    renewKey();
  };
  const changeMembers = (next: IssueTarget[]) => {
    setMembers(next);
    renewKey();
  };
  const template = templates?.find((candidate) => candidate.id === templateId);
  return { fixedTemplate, given, templateId, template, members, note, setNote, changeTemplate, changeMembers };
}

export type IssueChoice = ReturnType<typeof useIssueChoice>;

/** A template in words: its name and value. */
export const templateLabel = (template: CouponTemplateRecord, translate: (key: string) => string) =>
  `${template.name} · ${couponValue(template, translate)}`;

/** The form: the template (fixed, or picked from those that may be issued), the members and a note. */
export function IssueForm({
  choice,
  templates,
  busy,
  apiError,
}: {
  choice: IssueChoice;
  templates: CouponTemplateRecord[] | undefined;
  busy: boolean;
  apiError: string | undefined;
}) {
  const translate = useTranslate();
  const { fixedTemplate, template } = choice;
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      {fixedTemplate ? (
        <Typography data-testid="issue-template">
          {template ? templateLabel(template, translate) : fixedTemplate}
        </Typography>
      ) : (
        <TemplateSelect templates={templates} templateId={choice.templateId} onChange={choice.changeTemplate} />
      )}
      {template && !canIssue(template) && <Alert severity="warning">{translate(`${I}.cannot_issue`)}</Alert>}
      {template && template.totalStock !== null && (
        <Typography variant="caption" color="text.secondary">
          {translate(`${I}.stock_left`, { left: Math.max(0, template.totalStock - template.issued) })}
        </Typography>
      )}
      <IssueMembers members={choice.members} given={choice.given} busy={busy} onChange={choice.changeMembers} />
      <TextField
        size="small"
        label={translate(`${I}.note`)}
        value={choice.note}
        onChange={(event) => choice.setNote(event.target.value)}
        slotProps={{ htmlInput: { maxLength: 200, "data-testid": "issue-note" } }}
      />
      {apiError && (
        <Alert severity="error" data-testid="issue-error">
          {apiError}
        </Alert>
      )}
    </Stack>
  );
}

/** The templates that may be issued now (and the one chosen, even if it no longer may). */
function TemplateSelect({
  templates,
  templateId,
  onChange,
}: {
  templates: CouponTemplateRecord[] | undefined;
  templateId: string;
  onChange: (id: string) => void;
}) {
  const translate = useTranslate();
  const choices = (templates ?? []).filter((candidate) => canIssue(candidate) || candidate.id === templateId);
  return (
    <TextField
      select
      size="small"
      label={translate(`${I}.template`)}
      value={templates ? templateId : ""}
      onChange={(event) => onChange(event.target.value)}
      helperText={templates && choices.length === 0 ? translate(`${I}.no_templates`) : undefined}
      slotProps={{ htmlInput: { "data-testid": "issue-template-select" } }}
    >
      {choices.map((candidate) => (
        <MenuItem key={candidate.id} value={candidate.id}>
          {candidate.name} · {couponValue(candidate, translate)}
        </MenuItem>
      ))}
    </TextField>
  );
}
