/**
 * The action bar of a dialog that asks, then confirms: cancel and next while
 * choosing (next waits until the choice is ready); back, cancel and confirm
 * once confirming. Buttons wait while the submission is in flight.
 */
import { Button, DialogActions } from "@mui/material";
import { useTranslate } from "react-admin";

export interface TwoStepActionsProps {
  /** On the confirmation step (otherwise on the choosing step). */
  confirming: boolean;
  /** A submission is in flight. */
  busy: boolean;
  /** The choice may go on to the confirmation; false disables next. */
  ready?: boolean;
  onBack: () => void;
  onCancel: () => void;
  onNext: () => void;
  onConfirm: () => void;
  /** Prefix of the next and confirm buttons' data-testids: `${testId}-next`, `${testId}-confirm`. */
  testId: string;
  /** Translation keys of the buttons' labels. */
  labels: { back: string; next: string; confirm: string };
  /** The confirm button in red: what it does cannot be undone. */
  danger?: boolean;
  /** Cancel stays next to back and confirm on the confirmation step (otherwise back is the way out). */
  cancelWhileConfirming?: boolean;
}

export function TwoStepActions({
  confirming,
  busy,
  ready = true,
  onBack,
  onCancel,
  onNext,
  onConfirm,
  testId,
  labels,
  danger = false,
  cancelWhileConfirming = true,
}: TwoStepActionsProps) {
  const translate = useTranslate();
  return (
    <DialogActions>
      {confirming && (
        <Button onClick={onBack} disabled={busy}>
          {translate(labels.back)}
        </Button>
      )}
      {(!confirming || cancelWhileConfirming) && (
        <Button onClick={onCancel} disabled={busy}>
          {translate("ra.action.cancel")}
        </Button>
      )}
      {confirming ? (
        <Button
          variant="contained"
          color={danger ? "error" : "primary"}
          disabled={busy}
          onClick={onConfirm}
          data-testid={`${testId}-confirm`}
        >
          {translate(labels.confirm)}
        </Button>
      ) : (
        <Button variant="contained" disabled={!ready} onClick={onNext} data-testid={`${testId}-next`}>
          {translate(labels.next)}
        </Button>
      )}
    </DialogActions>
  );
}
