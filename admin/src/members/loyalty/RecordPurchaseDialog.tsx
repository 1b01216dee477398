/**
 * Record a purchase at the till for this member: store, lines (prices typed in
 * yuan, sent in fen), payment method. The order id is made when the dialog
 * opens and kept for every retry, so a double click or a resend after a lost
 * answer records the order once.
 */
import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import PointOfSaleIcon from "@mui/icons-material/PointOfSale";
import {
  Alert,
  Box,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useEffect, useState } from "react";
import { Button, useGetList, useRecordContext, useTranslate } from "react-admin";
import type { Permissions } from "../../auth/permissions";
import { newKey } from "../../common/newKey";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { RecordPurchaseMutation, RecordPurchaseMutationVariables } from "../../generated/graphql";
import type { MemberRecord } from "../fields";
import { ACCOUNT_FIELDS, useLoyaltyPermissions, type Account } from "./api";
import { formatFen, parseYuan } from "./money";
import { checkoutFields, CheckoutExtras, CheckoutReceipt, NO_CHECKOUT } from "../wallet/CheckoutExtras";

export const PAYMENT_METHODS = ["wechat", "alipay", "cash", "card", "other"] as const;

interface LineDraft {
  key: string;
  sku: string;
  name: string;
  category: string;
  qty: string;
  price: string;
}

type LineErrors = Partial<Record<"sku" | "name" | "qty" | "price", string>>;

const emptyLine = (): LineDraft => ({ key: newKey(), sku: "", name: "", category: "", qty: "1", price: "" });

const parseQty = (text: string) =>
  /^\s*\d{1,5}\s*$/.test(text) && Number(text) >= 1 && Number(text) <= 10_000 ? Number(text) : undefined;

/** Each line's problems (translation keys), before anything is sent. */
export function lineErrors(lines: LineDraft[]): LineErrors[] {
  const prefix = "resources.members.loyalty.purchase.errors";
  const seen = new Map<string, number>();
  lines.forEach((line, index) => {
    const sku = line.sku.trim();
    if (sku && !seen.has(sku)) seen.set(sku, index);
  });
  return lines.map((line, index) => {
    const errors: LineErrors = {};
    const sku = line.sku.trim();
    if (!sku) errors.sku = `${prefix}.sku`;
    else if (seen.get(sku) !== index) errors.sku = `${prefix}.sku_twice`;
    if (!line.name.trim()) errors.name = `${prefix}.name`;
    if (parseQty(line.qty) === undefined) errors.qty = `${prefix}.qty`;
    if (parseYuan(line.price) === undefined) errors.price = `${prefix}.price`;
    return errors;
  });
}

/** The store a purchase defaults to: the member's home store when the staff member works there, else their own. */
function defaultStore(member: MemberRecord, permissions: Permissions | undefined): string {
  if (!permissions) return "";
  if (permissions.role === "owner" || permissions.storeIds?.includes(member.homeStoreId)) return member.homeStoreId;
  return permissions.storeIds?.[0] ?? "";
}

type PurchaseResult = RecordPurchaseMutation["recordPurchase"];

const RECORD_PURCHASE: Document<RecordPurchaseMutation, RecordPurchaseMutationVariables> = /* GraphQL */ `
  mutation recordPurchase($input: RecordPurchaseInput!) {
    recordPurchase(input: $input) {
      created
      order {
        id
        points
        growth
        total
        discount
        storedValueAmount
      }
      account {
        ...AccountFields
      }
    }
  }
  ${ACCOUNT_FIELDS}
`;

export function RecordPurchaseButton({ account }: { account: Account | undefined }) {
  const record = useRecordContext<MemberRecord>();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    <>
      <Button
        label="resources.members.loyalty.actions.record_purchase"
        variant="contained"
        onClick={() => setOpen(true)}
        data-testid="record-purchase"
      >
        <PointOfSaleIcon />
      </Button>
      {/* Mounted only while open: each opening is a new order with a new id. */}
      {open && <RecordPurchaseDialog member={record} before={account} onClose={() => setOpen(false)} />}
    </>
  );
}

function RecordPurchaseDialog({
  member,
  before,
  onClose,
}: {
  member: MemberRecord;
  before: Account | undefined;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const request = useRequest();
  const { busy, error: apiError, key: orderId, dismiss, submit } = useMutationDialog({ onClose });
  const { permissions } = useLoyaltyPermissions();
  const { data: stores } = useGetList<{ id: string; name: string }>("stores", {
    pagination: { page: 1, perPage: 100 },
  });
  const [storeId, setStoreId] = useState(() => defaultStore(member, permissions));
  const [payment, setPayment] = useState("");
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [attempted, setAttempted] = useState(false);
  const [result, setResult] = useState<PurchaseResult & { before?: Account }>();
  const [checkout, setCheckout] = useState(NO_CHECKOUT);
  // Paying from stored value moves the member's money: asked once more before it is sent, and asked again after any change.
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setConfirming(false), [lines, checkout, storeId, payment]);
  const t = (name: string, options?: Record<string, unknown>) =>
    translate(`resources.members.loyalty.purchase.${name}`, options);
  // The role may still be loading when the dialog opens.
  useEffect(() => setStoreId((current) => current || defaultStore(member, permissions)), [member, permissions]);

  const errors = lineErrors(lines);
  const storeError = storeId ? undefined : "resources.members.loyalty.purchase.errors.store";
  const paymentError = payment ? undefined : "resources.members.loyalty.purchase.errors.payment";
  const linesValid = errors.every((line) => Object.keys(line).length === 0);
  const total = lines.reduce((sum, line) => sum + (parseQty(line.qty) ?? 0) * (parseYuan(line.price) ?? 0), 0);
  const basket = linesValid
    ? lines.map((line) => ({
        sku: line.sku.trim(),
        name: line.name.trim(),
        category: line.category.trim() || undefined,
        qty: parseQty(line.qty)!,
        unitPrice: parseYuan(line.price)!,
      }))
    : undefined;
  // Coupons and stored value: the total sent is the quote's, once it matches the basket.
  const paying = checkoutFields(checkout, total);
  const valid = !storeError && !paymentError && linesValid && !paying.problem;
  const show = (key: string | undefined) => (attempted && key ? translate(key) : undefined);

  const change = (index: number, field: keyof LineDraft, value: string) =>
    setLines((current) => current.map((line, i) => (i === index ? { ...line, [field]: value } : line)));

  const onSubmit = () => {
    // A second click while the first is in flight sends nothing (the order id would make it harmless anyway).
    if (busy) return;
    setAttempted(true);
    if (!valid) return;
    if ((paying.storedValueAmount ?? 0) > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    const input = {
      orderId,
      memberId: member.id,
      storeId,
      paymentMethod: payment,
      total: paying.total,
      couponCodes: paying.couponCodes,
      storedValueAmount: paying.storedValueAmount,
      lines: basket!,
    };
    void submit({
      send: () => request(RECORD_PURCHASE, { input }),
      // The account as it was when sent: the page's copy is refreshed right after.
      done: (data) => setResult({ ...data.recordPurchase, before }),
    });
  };

  if (result) {
    const { account: after, before: was } = result;
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="sm">
        <DialogTitle>{t("done_title")}</DialogTitle>
        <DialogContent>
          <Stack spacing={1} data-testid="purchase-result">
            {!result.created && <Alert severity="info">{t("replayed")}</Alert>}
            <CheckoutReceipt order={result.order} />
            <Typography data-testid="purchase-points">
              {t("points_earned", { points: result.order.points, growth: result.order.growth })}
            </Typography>
            <Typography data-testid="purchase-balance">
              {t("balance", { available: after.available, pending: after.pending })}
            </Typography>
            <Typography data-testid="purchase-tier">{t("tier", { tier: after.tierName })}</Typography>
            {result.created && was && was.tierId !== after.tierId && (
              <Alert severity="success" data-testid="purchase-upgraded">
                {t("upgraded", { from: was.tierName, to: after.tierName })}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <MuiButton variant="contained" onClick={onClose}>
            {translate("resources.members.loyalty.actions.close")}
          </MuiButton>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={dismiss} fullWidth maxWidth="md">
      <DialogTitle>{t("title")}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: "flex", gap: 2, mt: 1, mb: 2, flexWrap: "wrap" }}>
          <TextField
            select
            size="small"
            sx={{ flex: "1 1 220px" }}
            label={t("store")}
            value={stores ? storeId : ""}
            onChange={(event) => setStoreId(event.target.value)}
            error={Boolean(show(storeError))}
            helperText={show(storeError)}
            slotProps={{ htmlInput: { "data-testid": "purchase-store" } }}
          >
            {(stores ?? []).map((store) => (
              <MenuItem key={store.id} value={store.id}>
                {store.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            sx={{ flex: "1 1 180px" }}
            label={t("payment_method")}
            value={payment}
            onChange={(event) => setPayment(event.target.value)}
            error={Boolean(show(paymentError))}
            helperText={show(paymentError)}
            slotProps={{ htmlInput: { "data-testid": "purchase-payment" } }}
          >
            {PAYMENT_METHODS.map((method) => (
              <MenuItem key={method} value={method}>
                {translate(`resources.members.loyalty.payment.${method}`)}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <Typography variant="subtitle2" gutterBottom>
          {t("lines")}
        </Typography>
        <Stack spacing={1.5}>
          {lines.map((line, index) => (
            <Box
              key={line.key}
              data-testid="purchase-line"
              sx={{
                display: "grid",
                gridTemplateColumns: "1.2fr 1.6fr 1fr 0.7fr 1fr auto",
                gap: 1,
                alignItems: "start",
              }}
            >
              <TextField
                size="small"
                label={t("sku")}
                value={line.sku}
                onChange={(event) => change(index, "sku", event.target.value)}
                error={Boolean(show(errors[index].sku))}
                helperText={show(errors[index].sku)}
                slotProps={{ htmlInput: { "data-testid": `line-sku-${index}`, maxLength: 64 } }}
              />
              <TextField
                size="small"
                label={t("name")}
                value={line.name}
                onChange={(event) => change(index, "name", event.target.value)}
                error={Boolean(show(errors[index].name))}
                helperText={show(errors[index].name)}
                slotProps={{ htmlInput: { "data-testid": `line-name-${index}`, maxLength: 60 } }}
              />
              <TextField
                size="small"
                label={t("category")}
                value={line.category}
                onChange={(event) => change(index, "category", event.target.value)}
                slotProps={{ htmlInput: { "data-testid": `line-category-${index}`, maxLength: 40 } }}
              />
              <TextField
                size="small"
                label={t("qty")}
                value={line.qty}
                onChange={(event) => change(index, "qty", event.target.value)}
                error={Boolean(show(errors[index].qty))}
                helperText={show(errors[index].qty)}
                slotProps={{ htmlInput: { "data-testid": `line-qty-${index}`, inputMode: "numeric" } }}
              />
              <TextField
                size="small"
                label={t("unit_price")}
                value={line.price}
                onChange={(event) => change(index, "price", event.target.value)}
                error={Boolean(show(errors[index].price))}
                helperText={show(errors[index].price)}
                slotProps={{ htmlInput: { "data-testid": `line-price-${index}`, inputMode: "decimal" } }}
              />
              <IconButton
                aria-label={t("remove_line")}
                disabled={lines.length === 1}
                onClick={() => setLines((current) => current.filter((_, i) => i !== index))}
              >
                <DeleteIcon />
              </IconButton>
            </Box>
          ))}
        </Stack>
        <Stack direction="row" sx={{ mt: 1.5, alignItems: "center", justifyContent: "space-between" }}>
          <MuiButton
            startIcon={<AddIcon />}
            onClick={() => setLines((current) => [...current, emptyLine()])}
            disabled={lines.length >= 100}
            data-testid="purchase-add-line"
          >
            {t("add_line")}
          </MuiButton>
          <Typography variant="h6" data-testid="purchase-total">
            {t("total", { total: formatFen(total) })}
          </Typography>
        </Stack>
        <CheckoutExtras
          memberId={member.id}
          storeId={storeId}
          lines={basket}
          subtotal={total}
          state={checkout}
          onChange={setCheckout}
        />
        <Typography variant="caption" color="text.secondary" data-testid="purchase-order-id">
          {t("order_id", { id: orderId })}
        </Typography>
        {attempted && !valid && (
          <Alert severity="warning" sx={{ mt: 2 }} data-testid="purchase-invalid">
            {t("check")}
          </Alert>
        )}
        {confirming && (
          <Alert severity="warning" sx={{ mt: 2 }} data-testid="purchase-confirm-text">
            {t("confirm_stored_value", {
              stored: formatFen(paying.storedValueAmount ?? 0),
              other: formatFen(paying.total - (paying.storedValueAmount ?? 0)),
            })}
          </Alert>
        )}
        {apiError && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="purchase-error">
            {apiError}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {confirming ? (
          <MuiButton onClick={() => setConfirming(false)} disabled={busy}>
            {t("back")}
          </MuiButton>
        ) : (
          <MuiButton onClick={onClose} disabled={busy}>
            {translate("ra.action.cancel")}
          </MuiButton>
        )}
        {confirming ? (
          <MuiButton variant="contained" onClick={onSubmit} disabled={busy} data-testid="purchase-confirm">
            {t("confirm")}
          </MuiButton>
        ) : (
          <MuiButton variant="contained" onClick={onSubmit} disabled={busy} data-testid="purchase-submit">
            {t("submit")}
          </MuiButton>
        )}
      </DialogActions>
    </Dialog>
  );
}
