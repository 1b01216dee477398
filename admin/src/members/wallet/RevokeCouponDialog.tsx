/** Revoke an unused coupon of the member: a reason, then a confirmation. */
import { Alert, DialogContent, DialogContentText, DialogTitle, Stack, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { SmallScreenDialog } from "../../common/smallScreen";
import { TwoStepActions } from "../../common/TwoStepActions";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { RevokeCouponMutation, RevokeCouponMutationVariables } from "../../generated/graphql";
import type { Coupon } from "./api";

const W = "resources.members.wallet.coupons";

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
  const { error: apiError, dismiss, submit, confirming, steps } = useMutationDialog({ onClose, backOnRefusal: true });
  const [reason, setReason] = useState("");
  const t = (name: string, options?: Record<string, unknown>) => translate(`${W}.revoke.${name}`, options);

  const send = () =>
    void submit({
      // Revoking twice is harmless: a revoked coupon comes back as it is.
      send: () => request(REVOKE_COUPON, { code: coupon.code, reason: reason.trim() }),
      close: true,
    });

  return (
    <SmallScreenDialog open onClose={dismiss} fullWidth maxWidth="sm">
      <DialogTitle>{t(confirming ? "confirm_title" : "title")}</DialogTitle>
      <DialogContent>
        {!confirming ? (
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
      <TwoStepActions
        {...steps}
        ready={Boolean(reason.trim())}
        onConfirm={send}
        testId="revoke"
        labels={{ back: `${W}.revoke.back`, next: `${W}.revoke.next`, confirm: `${W}.revoke.confirm` }}
        danger
      />
    </SmallScreenDialog>
  );
}
