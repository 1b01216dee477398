/**
 * The choose step of a top-up: the store, a plan or an amount, and what they
 * come to (an amount equal to a plan's gets that plan's bonus). Each change
 * renews the payment id, as a different choice is a different request.
 */
import { Alert, Box, FormControlLabel, MenuItem, Radio, RadioGroup, Stack, TextField, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { useTranslate } from "react-admin";
import type { Permissions } from "../../auth/permissions";
import { shortId } from "../../common/shortId";
import type { TopUpPlanRecord } from "../../topUpPlans/fields";
import type { MemberRecord } from "../fields";
import { formatFen, parseYuan } from "../loyalty/money";

const S = "resources.members.wallet.stored_value.top_up";

export type TopUpMode = "plan" | "amount";

export interface TopUpStore {
  id: string;
  name: string;
  status: string;
}

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

/** The choice as typed (store, plan or amount); its setters renew the payment id. */
export function useTopUpChoice(member: MemberRecord, permissions: Permissions | undefined, renew: () => void) {
  const [storeId, setStoreId] = useState(() => defaultStore(member, permissions));
  const [mode, setMode] = useState<TopUpMode>("plan");
  const [planId, setPlanId] = useState("");
  const [amountText, setAmountText] = useState("");
  useEffect(() => setStoreId((current) => current || defaultStore(member, permissions)), [member, permissions]);
  const renewing =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      renew();
    };
  const setters = {
    setStore: renewing(setStoreId),
    setMode: renewing(setMode),
    setPlan: renewing(setPlanId),
    setAmount: renewing(setAmountText),
  };
  return { storeId, mode, planId, amountText, ...setters };
}

export type TopUpChoice = ReturnType<typeof useTopUpChoice>;

/** What the choice comes to: the active plans, the plan or amount chosen, the plan an amount matches, the bonus. */
export function priceTopUp(plans: TopUpPlanRecord[] | undefined, { mode, planId, amountText }: TopUpChoice) {
  const active = (plans ?? []).filter((plan) => plan.status === "active");
  const plan = mode === "plan" ? active.find((candidate) => candidate.id === planId) : undefined;
  const typed = mode === "amount" ? parseYuan(amountText) : undefined;
  // An amount equal to a plan's gets that plan's bonus (the API matches it).
  const matched = typed !== undefined ? active.find((candidate) => candidate.pay === typed) : undefined;
  const amount = plan?.pay ?? typed;
  const bonus = plan?.bonus ?? matched?.bonus ?? 0;
  return { active, plan, typed, matched, amount, bonus };
}

export type TopUpPrice = ReturnType<typeof priceTopUp>;

/** Why the choice cannot go on to its confirmation yet (a translation key), if it cannot. */
export function topUpProblem({ storeId, mode }: TopUpChoice, { plan, typed }: TopUpPrice): string | undefined {
  if (!storeId) return `${S}.errors.store`;
  if (mode === "plan" && !plan) return `${S}.errors.plan`;
  if (mode === "amount" && typed === undefined) return `${S}.errors.amount`;
  return undefined;
}

/** The choose step's form: store, by plan or by amount, the plan or the amount, and the payment id. */
export function TopUpChoiceForm({
  choice,
  price,
  stores,
  plansLoaded,
  requirePlan,
  paymentId,
}: {
  choice: TopUpChoice;
  price: TopUpPrice;
  stores: TopUpStore[] | undefined;
  plansLoaded: boolean;
  requirePlan: boolean | undefined;
  paymentId: string;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${S}.${name}`, options);
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <TextField
        select
        size="small"
        label={t("store")}
        value={stores ? choice.storeId : ""}
        onChange={(event) => choice.setStore(event.target.value)}
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
      <RadioGroup row value={choice.mode} onChange={(event) => choice.setMode(event.target.value as TopUpMode)}>
        <FormControlLabel value="plan" control={<Radio />} label={t("by_plan")} />
        {!requirePlan && (
          <FormControlLabel
            value="amount"
            control={<Radio />}
            label={t("by_amount")}
            data-testid="top-up-mode-amount"
          />
        )}
      </RadioGroup>
      {choice.mode === "plan" && <PlanChoice choice={choice} active={price.active} plansLoaded={plansLoaded} />}
      {choice.mode === "amount" && <AmountInput choice={choice} matched={price.matched} />}
      <Typography variant="caption" color="text.secondary" data-testid="top-up-payment-id" title={paymentId}>
        {t("payment_id", { id: shortId(paymentId) })}
      </Typography>
    </Stack>
  );
}

/** The active plans to pick from (or a note that there are none). */
function PlanChoice({
  choice,
  active,
  plansLoaded,
}: {
  choice: TopUpChoice;
  active: TopUpPlanRecord[];
  plansLoaded: boolean;
}) {
  const translate = useTranslate();
  const planLabel = usePlanLabel();
  return (
    <Box data-testid="top-up-plans">
      {plansLoaded && active.length === 0 && <Alert severity="info">{translate(`${S}.no_plans`)}</Alert>}
      <RadioGroup value={choice.planId} onChange={(event) => choice.setPlan(event.target.value)}>
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
  );
}

/** An amount in yuan; one equal to a plan's says so (it gets that plan's bonus). */
function AmountInput({ choice, matched }: { choice: TopUpChoice; matched: TopUpPlanRecord | undefined }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${S}.${name}`, options);
  return (
    <TextField
      size="small"
      label={t("amount")}
      value={choice.amountText}
      onChange={(event) => choice.setAmount(event.target.value)}
      helperText={
        matched ? t("matches_plan", { name: matched.name, bonus: formatFen(matched.bonus) }) : t("amount_hint")
      }
      slotProps={{ htmlInput: { inputMode: "decimal", "data-testid": "top-up-amount" } }}
    />
  );
}
