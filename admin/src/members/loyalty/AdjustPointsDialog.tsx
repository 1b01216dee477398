/**
 * Owners and managers: add or remove points by hand. A reason is required and
 * lands in the ledger; the change is confirmed before it is sent, and its
 * request id (made when the dialog opens) makes a retry harmless.
 */
import TuneIcon from "@mui/icons-material/Tune";
import { Alert, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { LabelledButton, SmallScreenDialog } from "../../common/smallScreen";
import { TwoStepActions } from "../../common/TwoStepActions";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { AdjustPointsMutation, AdjustPointsMutationVariables } from "../../generated/graphql";
import { ACCOUNT_FIELDS } from "./api";

const ADJUST_POINTS: Document<AdjustPointsMutation, AdjustPointsMutationVariables> = /* GraphQL */ `
  mutation adjustPoints($memberId: ID!, $points: Int!, $reason: String!, $requestId: String!) {
    adjustPoints(memberId: $memberId, points: $points, reason: $reason, requestId: $requestId) {
      created
      entry {
        id
      }
      account {
        ...AccountFields
      }
    }
  }
  ${ACCOUNT_FIELDS}
`;

export function AdjustPointsButton({ memberId }: { memberId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <LabelledButton
        label="resources.members.loyalty.actions.adjust"
        icon={<TuneIcon />}
        onClick={() => setOpen(true)}
        data-testid="adjust-points"
      />
      {open && <AdjustPointsDialog memberId={memberId} onClose={() => setOpen(false)} />}
    </>
  );
}

const parsePoints = (text: string) =>
  /^\s*[+-]?\d{1,8}\s*$/.test(text) && Number(text) !== 0 ? Number(text) : undefined;

const A = "resources.members.loyalty.adjust";
const LABELS = {
  back: "resources.members.loyalty.actions.back",
  next: "resources.members.loyalty.actions.next",
  confirm: `${A}.confirm`,
};

function AdjustPointsDialog({ memberId, onClose }: { memberId: string; onClose: () => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const { error: apiError, dismiss, submit, confirming, steps } = useMutationDialog({ onClose });
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [attempted, setAttempted] = useState(false);
  const t = (name: string, options?: Record<string, unknown>) => translate(`${A}.${name}`, options);

  const amount = parsePoints(points);
  const pointsError = amount === undefined ? t("points_invalid") : undefined;
  const reasonError = reason.trim() ? undefined : t("reason_required");

  const send = () => {
    if (amount === undefined || reasonError) return;
    void submit({
      send: (requestId) => request(ADJUST_POINTS, { memberId, points: amount, reason: reason.trim(), requestId }),
      success: (data) => t("done", { available: data.adjustPoints.account.available }),
      close: true,
    });
  };

  return (
    <SmallScreenDialog open onClose={dismiss} fullWidth maxWidth="sm">
      <DialogTitle>{confirming ? t("confirm_title") : t("title")}</DialogTitle>
      <DialogContent>
        {confirming ? (
          <Alert severity="warning" data-testid="adjust-confirm-text">
            {t(amount! > 0 ? "confirm_add" : "confirm_remove", { points: Math.abs(amount!), reason: reason.trim() })}
          </Alert>
        ) : (
          <AdjustForm
            points={points}
            setPoints={setPoints}
            reason={reason}
            setReason={setReason}
            pointsError={attempted ? pointsError : undefined}
            reasonError={attempted ? reasonError : undefined}
          />
        )}
        {apiError && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="adjust-error">
            {apiError}
          </Alert>
        )}
      </DialogContent>
      <TwoStepActions
        {...steps}
        onNext={() => {
          setAttempted(true);
          if (!pointsError && !reasonError) steps.onNext();
        }}
        onConfirm={send}
        testId="adjust"
        labels={LABELS}
        cancelWhileConfirming={false}
      />
    </SmallScreenDialog>
  );
}

/** The points to add (or, negative, remove) and the reason, each with its problem once a next was attempted. */
function AdjustForm({
  points,
  setPoints,
  reason,
  setReason,
  pointsError,
  reasonError,
}: {
  points: string;
  setPoints: (points: string) => void;
  reason: string;
  setReason: (reason: string) => void;
  pointsError: string | undefined;
  reasonError: string | undefined;
}) {
  const translate = useTranslate();
  const t = (name: string) => translate(`${A}.${name}`);
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <TextField
        autoFocus
        label={t("points")}
        value={points}
        onChange={(event) => setPoints(event.target.value)}
        error={Boolean(pointsError)}
        helperText={pointsError ? pointsError : t("points_hint")}
        slotProps={{ htmlInput: { "data-testid": "adjust-amount", inputMode: "numeric" } }}
      />
      <TextField
        required
        label={t("reason")}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={Boolean(reasonError)}
        helperText={reasonError ? reasonError : t("reason_hint")}
        slotProps={{ htmlInput: { "data-testid": "adjust-reason", maxLength: 200 } }}
      />
    </Stack>
  );
}
