/**
 * The choice made in the issue dialog, and its form: the template (fixed, or
 * picked from those that may be issued), who gets it — members picked one by
 * one (指定会员) or, when the dialog was opened without members, a saved
 * segment or a tag (按人群) — and a note.
 */
import { Alert, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { type CouponTemplateRecord } from "./fields";
import { AudiencePicker, useAudienceFacts, type Audience } from "./IssueAudience";
import { IssueMembers, type IssueTarget } from "./IssueMembers";
import { canIssue } from "./useCouponTemplates";
import { useCouponValue } from "./useCouponValue";

const I = "resources.couponTemplates.issue";

/** Members picked one by one, or everyone in a segment or with a tag. */
export type IssueMode = "members" | "audience";

/**
 * The template and members chosen (from those the dialog was opened with) or the audience, and the note; a
 * different template, members, mode or audience renews the request id.
 */
export function useIssueChoice(
  fixedTemplate: string | undefined,
  given: IssueTarget[] | undefined,
  templates: CouponTemplateRecord[] | undefined,
  renewKey: () => void,
) {
  const [templateId, setTemplateId] = useState(fixedTemplate ?? "");
  const [members, setMembers] = useState<IssueTarget[]>(given ?? []);
  const [mode, setMode] = useState<IssueMode>("members");
  const [audience, setAudience] = useState<Audience>({ kind: "segment", id: "" });
  const [note, setNote] = useState("");
  const audienceFacts = useAudienceFacts(audience, mode === "audience");
  // A different choice is a different request.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      renewKey();
    };
  const template = templates?.find((candidate) => candidate.id === templateId);
  const ready = Boolean(templateId) && (mode === "audience" ? audience.id !== "" : members.length > 0);
  return {
    fixedTemplate,
    given,
    templateId,
    template,
    members,
    mode,
    audience,
    audienceFacts,
    ready,
    note,
    setNote,
    changeTemplate: changed(setTemplateId),
    changeMembers: changed(setMembers),
    changeMode: changed(setMode),
    changeAudience: changed(setAudience),
  };
}

export type IssueChoice = ReturnType<typeof useIssueChoice>;

/** A template in words: its name and value. */
export const templateLabel = (template: CouponTemplateRecord, value: (template: CouponTemplateRecord) => string) =>
  `${template.name} · ${value(template)}`;

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
  const value = useCouponValue();
  const { fixedTemplate, template } = choice;
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      {fixedTemplate ? (
        <Typography data-testid="issue-template">
          {template ? templateLabel(template, value) : fixedTemplate}
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
      <Recipients choice={choice} busy={busy} />
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

/**
 * Who gets the coupon: with no members given, 指定会员 or 按人群 first; then the members found one by one, or the
 * segment or tag.
 */
function Recipients({ choice, busy }: { choice: IssueChoice; busy: boolean }) {
  const translate = useTranslate();
  const offerAudience = !choice.given?.length;
  return (
    <>
      {offerAudience && (
        <ToggleButtonGroup
          exclusive
          size="small"
          color="primary"
          value={choice.mode}
          disabled={busy}
          onChange={(_, mode: IssueMode | null) => mode && mode !== choice.mode && choice.changeMode(mode)}
          data-testid="issue-mode"
        >
          {(["members", "audience"] as const).map((mode) => (
            <ToggleButton key={mode} value={mode} data-testid={`issue-mode-${mode}`}>
              {translate(`${I}.mode.${mode}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      )}
      {offerAudience && choice.mode === "audience" ? (
        <AudiencePicker
          audience={choice.audience}
          facts={choice.audienceFacts}
          busy={busy}
          onChange={choice.changeAudience}
        />
      ) : (
        <IssueMembers members={choice.members} given={choice.given} busy={busy} onChange={choice.changeMembers} />
      )}
    </>
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
  const value = useCouponValue();
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
          {candidate.name} · {value(candidate)}
        </MenuItem>
      ))}
    </TextField>
  );
}
