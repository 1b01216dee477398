/**
 * The submit step every mutation dialog of the console shares: one submission
 * at a time (a second click while one is in flight sends nothing), a busy flag
 * for the dialog's buttons, the API's refusal as errors.ts reads it (in the
 * dialog, or as a notification with the message next to the input it
 * concerns), and after a success its notification, the page's data refreshed
 * and the dialog closed. The idempotency key is made when the dialog opens and
 * kept for every retry of the same submission; a different choice renews it.
 * A dialog that asks, then confirms keeps its step here too, for TwoStepActions.
 */
import { useRef, useState } from "react";
import { useNotify, useRefresh } from "react-admin";
import { refusal, toApiError } from "../dataProvider/errors";
import { newKey } from "./newKey";
import type { TwoStepActionsProps } from "./TwoStepActions";

export interface MutationDialogOptions {
  /** Closes the dialog: after a success that `close`s it, and as `dismiss`. */
  onClose: () => void;
  /** Where a refusal shows: in the dialog (`error`, the default) or as a notification (and `fieldErrors`). */
  refusals?: "inline" | "notify";
  /** Reload the page's data after a success (react-admin's refresh); true unless the dialog goes elsewhere. */
  refresh?: boolean;
  /** A refusal takes a two-step dialog back from its confirmation to the choice (otherwise it stays to show why). */
  backOnRefusal?: boolean;
}

export interface Submission<T> {
  /** Sends the mutation, with the dialog's idempotency key. */
  send: (key: string) => Promise<T>;
  /** The success notification: a translation key (with `successArgs`) or a text already translated. */
  success?: string | ((result: T) => string);
  successArgs?: Record<string, unknown>;
  /** Close the dialog after the success; otherwise it stays open to show the result. */
  close?: boolean;
  /** What else a success does, before the refresh: keep the result to show, invalidate a cache, tell the page. */
  done?: (result: T) => unknown;
  /** After a refusal, e.g. back to the step where the choice was made. */
  refused?: () => void;
}

export interface MutationDialog {
  /** A submission is in flight: the dialog's buttons wait and the dialog cannot be dismissed. */
  busy: boolean;
  /** The API's refusal of the last submission, to show in the dialog (refusals "inline"). */
  error: string | undefined;
  /** The last refusal's message by the input it concerns (refusals "notify"). */
  fieldErrors: Record<string, string>;
  /** The submission's idempotency key. */
  key: string;
  /** A new key: the choice changed, so sending it is a different request. */
  renewKey: () => void;
  /** The dialog's onClose: nothing while a submission is in flight. */
  dismiss: (() => void) | undefined;
  submit: <T>(submission: Submission<T>) => Promise<void>;
  /** A two-step dialog is on its confirmation (otherwise on its choice). */
  confirming: boolean;
  /** The step's part of TwoStepActions: back, cancel (closes) and next (to the confirmation). */
  steps: Pick<TwoStepActionsProps, "confirming" | "busy" | "onBack" | "onCancel" | "onNext">;
}

export function useMutationDialog({
  onClose,
  refusals = "inline",
  refresh: refreshAfter = true,
  backOnRefusal = false,
}: MutationDialogOptions): MutationDialog {
  const notify = useNotify();
  const refresh = useRefresh();
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const inFlight = useRef(false);

  const submit = async <T>({ send, success, successArgs, close, done, refused }: Submission<T>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      const result = await send(key);
      if (success) {
        const message = typeof success === "function" ? success(result) : success;
        notify(message, { type: "success", messageArgs: successArgs });
      }
      if (close) onClose();
      await done?.(result);
      if (refreshAfter) refresh();
    } catch (failure) {
      if (refusals === "notify") setFieldErrors(refusal(failure, notify) ?? {});
      else setError(toApiError(failure).message);
      if (backOnRefusal) setConfirming(false);
      refused?.();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return {
    busy,
    error,
    fieldErrors,
    key,
    renewKey: () => setKey(newKey()),
    dismiss: busy ? undefined : onClose,
    submit,
    confirming,
    steps: {
      confirming,
      busy,
      onBack: () => setConfirming(false),
      onCancel: onClose,
      onNext: () => setConfirming(true),
    },
  };
}
