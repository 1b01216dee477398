/**
 * The member's coupon wallet, newest first: each coupon's code, what it is
 * worth, its state, validity, where it came from and the order that used it.
 * Owners and managers issue a coupon to the member and revoke an unused one
 * (with a reason, after a confirmation).
 */
import BlockIcon from "@mui/icons-material/Block";
import SendIcon from "@mui/icons-material/Send";
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useMutationDialog } from "../../common/useMutationDialog";
import { couponValue } from "../../couponTemplates/fields";
import { IssueCouponsDialog } from "../../couponTemplates/IssueCouponsDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { RevokeCouponMutation, RevokeCouponMutationVariables } from "../../generated/graphql";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import type { MemberRecord } from "../fields";
import { errorMessage } from "../loyalty/api";
import { LoadMore } from "../loyalty/LoadMore";
import { formatFen } from "../loyalty/money";
import { MEMBER_COUPONS, useMemberPages, useWalletPermissions, type Coupon } from "./api";

const W = "resources.members.wallet.coupons";

export const STATE_COLOR = {
  issued: "success",
  reserved: "info",
  redeemed: "primary",
  expired: "default",
  revoked: "error",
} as const;

export function CouponStateChip({ state }: { state: Coupon["state"] }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STATE_COLOR[state] ?? "default"}
      label={translate(`resources.members.wallet.coupon_state.${state}`)}
      data-testid="coupon-state"
      data-state={state}
    />
  );
}

const REVOKE_COUPON: Document<RevokeCouponMutation, RevokeCouponMutationVariables> = /* GraphQL */ `
  mutation revokeCoupon($code: String!, $reason: String!) {
    revokeCoupon(code: $code, reason: $reason) {
      code
      state
    }
  }
`;

function RevokeDialog({ coupon, onClose }: { coupon: Coupon; onClose: () => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const { busy, error: apiError, dismiss, submit } = useMutationDialog({ onClose });
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<"reason" | "confirm">("reason");
  const t = (name: string, options?: Record<string, unknown>) => translate(`${W}.revoke.${name}`, options);

  const send = () =>
    void submit({
      // Revoking twice is harmless: a revoked coupon comes back as it is.
      send: () => request(REVOKE_COUPON, { code: coupon.code, reason: reason.trim() }),
      close: true,
      refused: () => setStep("reason"),
    });

  return (
    <Dialog open onClose={dismiss} fullWidth maxWidth="sm">
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
      <DialogActions>
        {step === "confirm" && (
          <Button onClick={() => setStep("reason")} disabled={busy}>
            {t("back")}
          </Button>
        )}
        <Button onClick={onClose} disabled={busy}>
          {translate("ra.action.cancel")}
        </Button>
        {step === "reason" ? (
          <Button
            variant="contained"
            disabled={!reason.trim()}
            onClick={() => setStep("confirm")}
            data-testid="revoke-next"
          >
            {t("next")}
          </Button>
        ) : (
          <Button variant="contained" color="error" disabled={busy} onClick={send} data-testid="revoke-confirm">
            {t("confirm")}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

export function CouponWallet({ member }: { member: MemberRecord }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const { canManage } = useWalletPermissions();
  const coupons = useMemberPages(member.id, "coupons", MEMBER_COUPONS);
  const [revoking, setRevoking] = useState<Coupon>();
  const [issuing, setIssuing] = useState(false);
  const t = (name: string, options?: Record<string, unknown>) => translate(`${W}.${name}`, options);

  return (
    <Box data-testid="coupon-wallet">
      {canManage && (
        <Box sx={{ display: "flex", justifyContent: "flex-end", mb: 1 }}>
          <Button
            variant="outlined"
            startIcon={<SendIcon />}
            onClick={() => setIssuing(true)}
            data-testid="wallet-issue"
          >
            {t("issue")}
          </Button>
        </Box>
      )}
      {coupons.error && <Alert severity="error">{errorMessage(coupons.error)}</Alert>}
      {coupons.data && coupons.items.length === 0 && <Typography variant="body2">{t("none")}</Typography>}
      {coupons.items.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t("code")}</TableCell>
              <TableCell>{t("name")}</TableCell>
              <TableCell>{t("value")}</TableCell>
              <TableCell>{t("state")}</TableCell>
              <TableCell>{t("validity")}</TableCell>
              <TableCell>{t("source")}</TableCell>
              <TableCell>{t("used")}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {coupons.items.map((coupon) => (
              <TableRow key={coupon.code} data-testid="coupon-row" data-code={coupon.code}>
                <TableCell sx={{ fontFamily: "monospace", whiteSpace: "nowrap" }} data-testid="coupon-code">
                  {coupon.displayCode}
                </TableCell>
                <TableCell>{coupon.name}</TableCell>
                <TableCell>{couponValue(coupon, translate)}</TableCell>
                <TableCell>
                  <CouponStateChip state={coupon.state} />
                  {coupon.state === "reserved" && coupon.reservedUntil && (
                    <Typography variant="caption" component="div" color="text.secondary">
                      {t("reserved_until", { at: format(coupon.reservedUntil) })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={{ whiteSpace: "nowrap" }}>
                  {format(coupon.validFrom, false)} –{" "}
                  {format(new Date(Date.parse(coupon.validUntil) - 1).toISOString(), false)}
                </TableCell>
                <TableCell>
                  {translate(`resources.members.wallet.source.${coupon.source}`, { _: coupon.source })}
                  <Typography variant="caption" component="div" color="text.secondary">
                    {format(coupon.issuedAt)}
                  </Typography>
                </TableCell>
                <TableCell data-testid="coupon-used">
                  {coupon.redeemedOrderId && (
                    <>
                      <Typography
                        variant="body2"
                        sx={{ fontFamily: "monospace", fontSize: 12, overflowWrap: "anywhere" }}
                      >
                        {coupon.redeemedOrderId}
                      </Typography>
                      <Typography variant="caption" color="text.secondary">
                        {t("discount", { amount: formatFen(coupon.redeemedDiscount ?? 0) })}
                        {coupon.redeemedAt ? ` · ${format(coupon.redeemedAt)}` : ""}
                      </Typography>
                    </>
                  )}
                  {coupon.revokedReason && (
                    <Typography variant="caption" color="error">
                      {t("revoked_reason", { reason: coupon.revokedReason })}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {canManage && coupon.state === "issued" && (
                    <Button
                      size="small"
                      color="error"
                      startIcon={<BlockIcon />}
                      onClick={() => setRevoking(coupon)}
                      data-testid="coupon-revoke"
                    >
                      {t("revoke.action")}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <LoadMore query={coupons} />
      {revoking && <RevokeDialog coupon={revoking} onClose={() => setRevoking(undefined)} />}
      {issuing && (
        <IssueCouponsDialog
          members={[{ id: member.id, name: member.name, phone: member.phone }]}
          onClose={() => setIssuing(false)}
        />
      )}
    </Box>
  );
}
