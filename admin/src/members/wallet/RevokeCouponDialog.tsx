/** Revoke an unused coupon of the member: a reason, then a confirmation. */
import {
  Alert,
  Button,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { SmallScreenDialog } from "../../common/smallScreen";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { RevokeCouponMutation, RevokeCouponMutationVariables } from "../../generated/graphql";
import type { Coupon } from "./api";

const W = "resources.members.wallet.coupons";

type Step = "reason" | "confirm";

const REVOKE_COUPON: Document<RevokeCouponMutation, RevokeCouponMutationVariables> = /* GraphQL */ `
  mutation revokeCoupon($code: String!, $reason: String!) {
    revokeCoupon(code: $code, reason: $reason) {
      code
      state
    }
  }
`;

export function RevokeDialog({ coupon, onClose }: { coupon: Coupon; onClose: () => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const { busy, error: apiError, dismiss, submit } = useMutationDialog({ onClose });
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<Step>("reason");
  const t = (name: string, options?: Record<string, unknown>) => translate(`${W}.revoke.${name}`, options);

  const send = () =>
    void submit({
      // Revoking twice is harmless: a revoked coupon comes back as it is.
      send: () => request(REVOKE_COUPON, { code: coupon.code, reason: reason.trim() }),
      close: true,
      refused: () => setStep("reason"),
    });

  return (
    <SmallScreenDialog open onClose={dismiss} fullWidth maxWidth="sm">
      <DialogTitle>{t(step === "reason" ? "title" : "confirm_title")}</DialogTitle>
      <DialogContent>
        {step === "reason" ? (
          <Stack spacing={2} sx={{ mt: 1 }}>
            <Typography>
              {coupon.name} · <span style={{ fontFamily: "monospace" }}>{coupon.displayCode}</span>
            </Typography>
            <TextField
              label={t("reason")}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              required
              multiline
              helperText={t("reason_hint")}
              slotProps={{ htmlInput: { maxLength: 200, "data-testid": "revoke-reason" } }}
            />
          </Stack>
        ) : (
          <DialogContentText data-testid="revoke-confirm-text">
            {t("confirm_text", { name: coupon.name, code: coupon.displayCode, reason: reason.trim() })}
          </DialogContentText>
        )}
        {apiError && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="revoke-error">
            {apiError}
          </Alert>
        )}
      </DialogContent>
      <RevokeActions
        step={step}
        busy={busy}
        ready={Boolean(reason.trim())}
        onStep={setStep}
        onCancel={onClose}
        onConfirm={send}
      />
    </SmallScreenDialog>
  );
}

/** Cancel and next (once a reason is given); back, cancel and confirm (in red) once confirming. */
function RevokeActions({
  step,
  busy,
  ready,
  onStep,
  onCancel,
  onConfirm,
}: {
  step: Step;
  busy: boolean;
  ready: boolean;
  onStep: (step: Step) => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const translate = useTranslate();
  const t = (name: string) => translate(`${W}.revoke.${name}`);
  return (
    <DialogActions>
      {step === "confirm" && (
        <Button onClick={() => onStep("reason")} disabled={busy}>
          {t("back")}
        </Button>
      )}
      <Button onClick={onCancel} disabled={busy}>
        {translate("ra.action.cancel")}
      </Button>
      {step === "reason" ? (
        <Button variant="contained" disabled={!ready} onClick={() => onStep("confirm")} data-testid="revoke-next">
          {t("next")}
        </Button>
      ) : (
        <Button variant="contained" color="error" disabled={busy} onClick={onConfirm} data-testid="revoke-confirm">
          {t("confirm")}
        </Button>
      )}
    </DialogActions>
  );
}
