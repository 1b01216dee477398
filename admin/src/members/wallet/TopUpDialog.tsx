/**
 * Top up the member's stored value (储值): a plan (pay ¥300, get ¥60 bonus)
 * or an amount, at a store. The payment id is made on opening and renewed
 * when the choice changes, so a resend after a lost answer tops up once.
 * Money moves, so the top-up is confirmed before it is sent; afterwards the
 * dialog shows the principal and bonus added and the balance after.
 */
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useEffect, useState } from "react";
import { useGetList, useTranslate } from "react-admin";
import type { Permissions } from "../../auth/permissions";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { TopUpStoredValueMutation, TopUpStoredValueMutationVariables } from "../../generated/graphql";
import type { TopUpPlanRecord } from "../../topUpPlans";
import type { MemberRecord } from "../fields";
import { formatFen, parseYuan } from "../loyalty/money";
import { BALANCE_FIELDS, TOP_UP_FIELDS, useRequirePlan, useTopUpPlans, useWalletPermissions } from "./api";

const S = "resources.members.wallet.stored_value.top_up";

/** The store a top-up defaults to: the member's home store when the staff member works there, else their own. */
function defaultStore(member: MemberRecord, permissions: Permissions | undefined): string {
  if (!permissions) return "";
  if (permissions.role === "owner" || permissions.storeIds?.includes(member.homeStoreId)) return member.homeStoreId;
  return permissions.storeIds?.[0] ?? "";
}

/** A plan in words: 充300送60 · pay ¥300.00, bonus ¥60.00 (this store only). */
export function usePlanLabel() {
  const translate = useTranslate();
  return (plan: TopUpPlanRecord) =>
    translate(`${S}.plan_label`, {
      name: plan.name,
      pay: formatFen(plan.pay),
      bonus: formatFen(plan.bonus),
      scope: translate(`resources.topUpPlans.scope.${plan.scope}`),
    });
}

type TopUpResult = TopUpStoredValueMutation["topUpStoredValue"];

const TOP_UP: Document<TopUpStoredValueMutation, TopUpStoredValueMutationVariables> = /* GraphQL */ `
  mutation topUpStoredValue($memberId: ID!, $paymentId: String!, $amount: Int!, $planId: ID, $storeId: ID) {
    topUpStoredValue(memberId: $memberId, paymentId: $paymentId, amount: $amount, planId: $planId, storeId: $storeId) {
      created
      topUp {
        ...TopUpFields
      }
      balance {
        ...BalanceFields
      }
    }
  }
  ${TOP_UP_FIELDS}
  ${BALANCE_FIELDS}
`;

export function TopUpDialog({ member, onClose }: { member: MemberRecord; onClose: () => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const { busy, error: apiError, key: paymentId, renewKey: renew, dismiss, submit } = useMutationDialog({ onClose });
  const { permissions } = useWalletPermissions();
  const plans = useTopUpPlans();
  const requirePlan = useRequirePlan();
  const planLabel = usePlanLabel();
  const { data: stores } = useGetList<{ id: string; name: string; status: string }>("stores", {
    pagination: { page: 1, perPage: 100 },
  });
  const [storeId, setStoreId] = useState(() => defaultStore(member, permissions));
  const [mode, setMode] = useState<"plan" | "amount">("plan");
  const [planId, setPlanId] = useState("");
  const [amountText, setAmountText] = useState("");
  const [step, setStep] = useState<"choose" | "confirm">("choose");
  const [result, setResult] = useState<TopUpResult>();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${S}.${name}`, options);
  useEffect(() => setStoreId((current) => current || defaultStore(member, permissions)), [member, permissions]);

  const active = (plans.data ?? []).filter((plan) => plan.status === "active");
  const plan = mode === "plan" ? active.find((candidate) => candidate.id === planId) : undefined;
  const typed = mode === "amount" ? parseYuan(amountText) : undefined;
  // An amount equal to a plan's gets that plan's bonus (the API matches it).
  const matched = typed !== undefined ? active.find((candidate) => candidate.pay === typed) : undefined;
  const amount = plan?.pay ?? typed;
  const bonus = plan?.bonus ?? matched?.bonus ?? 0;
  const problem = !storeId
    ? t("errors.store")
    : mode === "plan" && !plan
      ? t("errors.plan")
      : mode === "amount" && typed === undefined
        ? t("errors.amount")
        : undefined;

  const send = () => {
    if (amount === undefined) return;
    void submit({
      send: (paymentId) => request(TOP_UP, { memberId: member.id, paymentId, amount, planId: plan?.id, storeId }),
      done: (data) => setResult(data.topUpStoredValue),
      refused: () => setStep("choose"),
    });
  };

  if (result) {
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="sm">
        <DialogTitle>{t("done_title")}</DialogTitle>
        <DialogContent>
          <Stack spacing={1} data-testid="top-up-result">
            {!result.created && <Alert severity="info">{t("replayed")}</Alert>}
            <Typography data-testid="top-up-added">
              {t("added", { principal: formatFen(result.topUp.principal), bonus: formatFen(result.topUp.bonus) })}
            </Typography>
            <Typography data-testid="top-up-balance">
              {t("balance", {
                total: formatFen(result.balance.total),
                principal: formatFen(result.balance.principal),
                bonus: formatFen(result.balance.bonus),
              })}
            </Typography>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={onClose} data-testid="top-up-close">
            {translate("resources.members.wallet.close")}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={dismiss} fullWidth maxWidth="sm">
      <DialogTitle>{t(step === "choose" ? "title" : "confirm_title")}</DialogTitle>
      <DialogContent>
        {step === "choose" ? (
          <Stack spacing={2} sx={{ mt: 1 }}>
            <TextField
              select
              size="small"
              label={t("store")}
              value={stores ? storeId : ""}
              onChange={(event) => {
                setStoreId(event.target.value);
                renew();
              }}
              slotProps={{ htmlInput: { "data-testid": "top-up-store" } }}
            >
              {(stores ?? [])
                .filter((store) => store.status !== "closed")
                .map((store) => (
                  <MenuItem key={store.id} value={store.id}>
                    {store.name}
                  </MenuItem>
                ))}
            </TextField>
            <RadioGroup
              row
              value={mode}
              onChange={(event) => {
                setMode(event.target.value as "plan" | "amount");
                renew();
              }}
            >
              <FormControlLabel value="plan" control={<Radio />} label={t("by_plan")} />
              {!requirePlan.data && (
                <FormControlLabel
                  value="amount"
                  control={<Radio />}
                  label={t("by_amount")}
                  data-testid="top-up-mode-amount"
                />
              )}
            </RadioGroup>
            {mode === "plan" && (
              <Box data-testid="top-up-plans">
                {plans.data && active.length === 0 && <Alert severity="info">{t("no_plans")}</Alert>}
                <RadioGroup
                  value={planId}
                  onChange={(event) => {
                    setPlanId(event.target.value);
                    renew();
                  }}
                >
                  {active.map((candidate) => (
                    <FormControlLabel
                      key={candidate.id}
                      value={candidate.id}
                      control={<Radio />}
                      label={planLabel(candidate)}
                      data-testid="top-up-plan"
                      data-plan-id={candidate.id}
                    />
                  ))}
                </RadioGroup>
              </Box>
            )}
            {mode === "amount" && (
              <TextField
                size="small"
                label={t("amount")}
                value={amountText}
                onChange={(event) => {
                  setAmountText(event.target.value);
                  renew();
                }}
                helperText={
                  matched
                    ? t("matches_plan", { name: matched.name, bonus: formatFen(matched.bonus) })
                    : t("amount_hint")
                }
                slotProps={{ htmlInput: { inputMode: "decimal", "data-testid": "top-up-amount" } }}
              />
            )}
            <Typography variant="caption" color="text.secondary" data-testid="top-up-payment-id">
              {t("payment_id", { id: paymentId })}
            </Typography>
          </Stack>
        ) : (
          <DialogContentText data-testid="top-up-confirm-text">
            {t("confirm_text", {
              name: member.name,
              amount: formatFen(amount ?? 0),
              bonus: formatFen(bonus),
              store: stores?.find((store) => store.id === storeId)?.name ?? storeId,
            })}
          </DialogContentText>
        )}
        {apiError && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="top-up-error">
            {apiError}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {step === "confirm" && (
          <Button onClick={() => setStep("choose")} disabled={busy}>
            {translate("resources.members.wallet.back")}
          </Button>
        )}
        <Button onClick={onClose} disabled={busy}>
          {translate("ra.action.cancel")}
        </Button>
        {step === "choose" ? (
          <Button
            variant="contained"
            disabled={Boolean(problem)}
            onClick={() => setStep("confirm")}
            data-testid="top-up-next"
          >
            {translate("resources.members.wallet.next")}
          </Button>
        ) : (
          <Button variant="contained" disabled={busy} onClick={send} data-testid="top-up-confirm">
            {t("confirm")}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
