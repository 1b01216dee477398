/**
 * The purchase dialog's form: store and payment method, the amount paid or
 * the lines (picked from the products or typed), checkout extras, the order
 * id, what stops the purchase, and the buttons.
 */
import {
  Alert,
  Box,
  Button as MuiButton,
  DialogActions,
  DialogContent,
  MenuItem,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import { useTranslate } from "react-admin";
import { shortId } from "../../common/shortId";
import { CheckoutExtras } from "../wallet/CheckoutExtras";
import { formatFen } from "./money";
import { ProductPicker } from "./ProductPicker";
import { PAYMENT_METHODS, type PurchaseDraft, type PurchaseMode } from "./purchaseDraft";
import { PurchaseLines, type ShowProblem } from "./PurchaseLines";

const P = "resources.members.loyalty.purchase";

export interface Store {
  id: string;
  name: string;
}

/** The form: store and payment, the amount or the lines, coupons and stored value, the order id and the notices. */
export function PurchaseForm({
  memberId,
  orderId,
  stores,
  draft,
  attempted,
  apiError,
}: {
  memberId: string;
  orderId: string;
  stores: Store[] | undefined;
  draft: PurchaseDraft;
  attempted: boolean;
  apiError: string | undefined;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${P}.${name}`, options);
  const show: ShowProblem = (key) => (attempted && key ? translate(key) : undefined);
  return (
    <DialogContent>
      <StoreAndPayment stores={stores} draft={draft} show={show} />
      <ModeSwitch mode={draft.mode} onChange={draft.setMode} />
      {draft.mode === "amount" ? (
        <AmountInput draft={draft} show={show} />
      ) : (
        <>
          <ProductPicker setLines={draft.setLines} />
          <PurchaseLines
            lines={draft.lines}
            setLines={draft.setLines}
            errors={draft.errors}
            total={draft.total}
            show={show}
          />
        </>
      )}
      <CheckoutExtras
        memberId={memberId}
        storeId={draft.storeId}
        lines={draft.basket}
        subtotal={draft.total}
        state={draft.checkout}
        onChange={draft.setCheckout}
      />
      <Typography variant="caption" color="text.secondary" data-testid="purchase-order-id" title={orderId}>
        {t("order_id", { id: shortId(orderId) })}
      </Typography>
      <PurchaseNotices attempted={attempted} draft={draft} apiError={apiError} />
    </DialogContent>
  );
}

/** Where the purchase was made and how it was paid. */
function StoreAndPayment({
  stores,
  draft,
  show,
}: {
  stores: Store[] | undefined;
  draft: PurchaseDraft;
  show: ShowProblem;
}) {
  const translate = useTranslate();
  const t = (name: string) => translate(`${P}.${name}`);
  return (
    <Box sx={{ display: "flex", gap: 2, mt: 1, mb: 2, flexWrap: "wrap" }}>
      <TextField
        select
        size="small"
        sx={{ flex: "1 1 220px" }}
        label={t("store")}
        value={stores ? draft.storeId : ""}
        onChange={(event) => draft.setStoreId(event.target.value)}
        error={Boolean(show(draft.storeError))}
        helperText={show(draft.storeError)}
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
        value={draft.payment}
        onChange={(event) => draft.setPayment(event.target.value)}
        error={Boolean(show(draft.paymentError))}
        helperText={show(draft.paymentError)}
        slotProps={{ htmlInput: { "data-testid": "purchase-payment" } }}
      >
        {PAYMENT_METHODS.map((method) => (
          <MenuItem key={method} value={method}>
            {translate(`resources.members.loyalty.payment.${method}`)}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}

/** The amount paid alone (a shop without a POS), or item by item. */
function ModeSwitch({ mode, onChange }: { mode: PurchaseMode; onChange: (mode: PurchaseMode) => void }) {
  const translate = useTranslate();
  return (
    <ToggleButtonGroup
      exclusive
      fullWidth
      size="small"
      color="primary"
      value={mode}
      onChange={(_, value: PurchaseMode | null) => value && onChange(value)}
      sx={{ mb: 2, maxWidth: { sm: 480 } }}
      data-testid="purchase-mode"
    >
      <ToggleButton value="amount" data-testid="purchase-mode-amount">
        {translate(`${P}.mode_amount`)}
      </ToggleButton>
      <ToggleButton value="items" data-testid="purchase-mode-items">
        {translate(`${P}.mode_items`)}
      </ToggleButton>
    </ToggleButtonGroup>
  );
}

/** The amount paid, in yuan: sent as one line of that amount. */
function AmountInput({ draft, show }: { draft: PurchaseDraft; show: ShowProblem }) {
  const translate = useTranslate();
  return (
    <TextField
      fullWidth
      autoFocus
      label={translate(`${P}.amount`)}
      value={draft.amount}
      onChange={(event) => draft.setAmount(event.target.value)}
      error={Boolean(show(draft.amountError))}
      helperText={show(draft.amountError) ?? translate(`${P}.amount_hint`)}
      slotProps={{ htmlInput: { inputMode: "decimal", "data-testid": "purchase-amount" } }}
    />
  );
}

/** Why the purchase cannot be sent yet, the stored-value payment to confirm, and the API's refusal. */
function PurchaseNotices({
  attempted,
  draft,
  apiError,
}: {
  attempted: boolean;
  draft: PurchaseDraft;
  apiError: string | undefined;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${P}.${name}`, options);
  const { paying } = draft;
  return (
    <>
      {attempted && !draft.valid && (
        <Alert severity="warning" sx={{ mt: 2 }} data-testid="purchase-invalid">
          {t("check")}
        </Alert>
      )}
      {draft.confirming && (
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
    </>
  );
}

/** Cancel and submit; while a stored-value payment waits for its confirmation, back and confirm. */
export function PurchaseActions({
  confirming,
  busy,
  onBack,
  onCancel,
  onSubmit,
}: {
  confirming: boolean;
  busy: boolean;
  onBack: () => void;
  onCancel: () => void;
  onSubmit: () => void;
}) {
  const translate = useTranslate();
  const t = (name: string) => translate(`${P}.${name}`);
  return (
    <DialogActions>
      {confirming ? (
        <MuiButton onClick={onBack} disabled={busy}>
          {t("back")}
        </MuiButton>
      ) : (
        <MuiButton onClick={onCancel} disabled={busy}>
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
  );
}
