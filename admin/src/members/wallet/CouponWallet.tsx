/**
 * The member's coupon wallet, newest first: each coupon's code, what it is
 * worth, its state, validity, where it came from and the order that used it.
 * Owners and managers issue a coupon to the member and revoke an unused one
 * (with a reason, after a confirmation).
 */
import BlockIcon from "@mui/icons-material/Block";
import SendIcon from "@mui/icons-material/Send";
import { Alert, Box, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { ShortId } from "../../common/IdText";
import { useCouponValue } from "../../couponTemplates/useCouponValue";
import { IssueCouponsDialog } from "../../couponTemplates/IssueCouponsDialog";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import type { MemberRecord } from "../fields";
import { errorMessage } from "../loyalty/api";
import { LoadMore } from "../loyalty/LoadMore";
import { formatFen } from "../loyalty/money";
import { MEMBER_COUPONS, useMemberPages, useWalletPermissions, type Coupon } from "./api";
import { RevokeDialog } from "./RevokeCouponDialog";

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
        <CouponTable coupons={coupons.items} format={format} canManage={canManage} onRevoke={setRevoking} />
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

type FormatDateTime = ReturnType<typeof useFormatDateTime>;

/** The coupons, one row each. */
function CouponTable({
  coupons,
  format,
  canManage,
  onRevoke,
}: {
  coupons: Coupon[];
  format: FormatDateTime;
  canManage: boolean;
  onRevoke: (coupon: Coupon) => void;
}) {
  const translate = useTranslate();
  const value = useCouponValue();
  const t = (name: string) => translate(`${W}.${name}`);
  return (
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
        {coupons.map((coupon) => (
          <CouponRow
            key={coupon.code}
            coupon={coupon}
            format={format}
            value={value(coupon)}
            canRevoke={canManage && coupon.state === "issued"}
            onRevoke={() => onRevoke(coupon)}
          />
        ))}
      </TableBody>
    </Table>
  );
}

/** One coupon: code, name, value, state, validity, source, the order that used it, and a revoke button. */
function CouponRow({
  coupon,
  format,
  value,
  canRevoke,
  onRevoke,
}: {
  coupon: Coupon;
  format: FormatDateTime;
  /** What it is worth, in words (a gift's product by its name). */
  value: string;
  canRevoke: boolean;
  onRevoke: () => void;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${W}.${name}`, options);
  return (
    <TableRow data-testid="coupon-row" data-code={coupon.code}>
      <TableCell sx={{ fontFamily: "monospace", whiteSpace: "nowrap" }} data-testid="coupon-code">
        {coupon.displayCode}
      </TableCell>
      <TableCell>{coupon.name}</TableCell>
      <TableCell>{value}</TableCell>
      <TableCell>
        <CouponStateChip state={coupon.state} />
        {coupon.state === "reserved" && coupon.reservedUntil && (
          <Typography variant="caption" component="div" color="text.secondary">
            {t("reserved_until", { at: format(coupon.reservedUntil) })}
          </Typography>
        )}
      </TableCell>
      <TableCell sx={{ whiteSpace: "nowrap" }}>
        {format(coupon.validFrom, false)} – {format(new Date(Date.parse(coupon.validUntil) - 1).toISOString(), false)}
      </TableCell>
      <TableCell>
        {translate(`resources.members.wallet.source.${coupon.source}`, { _: coupon.source })}
        <Typography variant="caption" component="div" color="text.secondary">
          {format(coupon.issuedAt)}
        </Typography>
      </TableCell>
      <TableCell data-testid="coupon-used">
        <CouponUse coupon={coupon} format={format} />
      </TableCell>
      <TableCell>
        {canRevoke && (
          <Button size="small" color="error" startIcon={<BlockIcon />} onClick={onRevoke} data-testid="coupon-revoke">
            {t("revoke.action")}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The order that used the coupon (with its discount and when), or why it was revoked. */
function CouponUse({ coupon, format }: { coupon: Coupon; format: FormatDateTime }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${W}.${name}`, options);
  return (
    <>
      {coupon.redeemedOrderId && (
        <>
          <Typography variant="body2">
            {translate("app.ref_kind.order")} <ShortId id={coupon.redeemedOrderId} />
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
    </>
  );
}
