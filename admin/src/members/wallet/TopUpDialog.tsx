/**
 * Top up the member's stored value (储值): a plan (pay ¥300, get ¥60 bonus)
 * or an amount, at a store. The payment id is made on opening and renewed
 * when the choice changes, so a resend after a lost answer tops up once.
 * Money moves, so the top-up is confirmed before it is sent; afterwards the
 * dialog shows the principal and bonus added and the balance after.
 */
import {
  Alert,
  Button,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useGetList, useTranslate } from "react-admin";
import { SmallScreenDialog } from "../../common/smallScreen";
import { TwoStepActions } from "../../common/TwoStepActions";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { TopUpStoredValueMutation, TopUpStoredValueMutationVariables } from "../../generated/graphql";
import type { MemberRecord } from "../fields";
import { formatFen } from "../loyalty/money";
import { BALANCE_FIELDS, TOP_UP_FIELDS, useRequirePlan, useTopUpPlans, useWalletPermissions } from "./api";
import {
  priceTopUp,
  TopUpChoiceForm,
  topUpProblem,
  useTopUpChoice,
  type TopUpChoice,
  type TopUpPrice,
  type TopUpStore,
} from "./TopUpChoice";

const S = "resources.members.wallet.stored_value.top_up";

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
  const { key: paymentId, renewKey: renew, ...dialog } = useMutationDialog({ onClose, backOnRefusal: true });
  const { permissions } = useWalletPermissions();
  const plans = useTopUpPlans();
  const requirePlan = useRequirePlan();
  const { data: stores } = useGetList<TopUpStore>("stores", { pagination: { page: 1, perPage: 100 } });
  const choice = useTopUpChoice(member, permissions, renew);
  const [result, setResult] = useState<TopUpResult>();

  const price = priceTopUp(plans.data, choice);
  const { plan, amount } = price;

  const send = () => {
    if (amount === undefined) return;
    void dialog.submit({
      send: (paymentId) =>
        request(TOP_UP, { memberId: member.id, paymentId, amount, planId: plan?.id, storeId: choice.storeId }),
      done: (data) => setResult(data.topUpStoredValue),
    });
  };

  return (
    <SmallScreenDialog open onClose={result ? onClose : dialog.dismiss} fullWidth maxWidth="sm">
      {result ? (
        <TopUpDone result={result} onClose={onClose} />
      ) : (
        <>
          <DialogTitle>{translate(dialog.confirming ? `${S}.confirm_title` : `${S}.title`)}</DialogTitle>
          <TopUpContent
            confirming={dialog.confirming}
            member={member}
            choice={choice}
            price={price}
            stores={stores}
            plansLoaded={Boolean(plans.data)}
            requirePlan={requirePlan.data}
            paymentId={paymentId}
            apiError={dialog.error}
          />
          <TwoStepActions
            {...dialog.steps}
            ready={!topUpProblem(choice, price)}
            onConfirm={send}
            testId="top-up"
            labels={{
              back: "resources.members.wallet.back",
              next: "resources.members.wallet.next",
              confirm: `${S}.confirm`,
            }}
          />
        </>
      )}
    </SmallScreenDialog>
  );
}

/** The step's content: the choice, or what is about to be topped up; and the API's refusal. */
function TopUpContent({
  confirming,
  member,
  choice,
  price,
  stores,
  plansLoaded,
  requirePlan,
  paymentId,
  apiError,
}: {
  confirming: boolean;
  member: MemberRecord;
  choice: TopUpChoice;
  price: TopUpPrice;
  stores: TopUpStore[] | undefined;
  plansLoaded: boolean;
  requirePlan: boolean | undefined;
  paymentId: string;
  apiError: string | undefined;
}) {
  return (
    <DialogContent>
      {!confirming ? (
        <TopUpChoiceForm
          choice={choice}
          price={price}
          stores={stores}
          plansLoaded={plansLoaded}
          requirePlan={requirePlan}
          paymentId={paymentId}
        />
      ) : (
        <TopUpConfirmText member={member} price={price} stores={stores} storeId={choice.storeId} />
      )}
      {apiError && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="top-up-error">
          {apiError}
        </Alert>
      )}
    </DialogContent>
  );
}

/** What is about to be topped up, for the confirmation. */
function TopUpConfirmText({
  member,
  price,
  stores,
  storeId,
}: {
  member: MemberRecord;
  price: TopUpPrice;
  stores: TopUpStore[] | undefined;
  storeId: string;
}) {
  const translate = useTranslate();
  return (
    <DialogContentText data-testid="top-up-confirm-text">
      {translate(`${S}.confirm_text`, {
        name: member.name,
        amount: formatFen(price.amount ?? 0),
        bonus: formatFen(price.bonus),
        store: stores?.find((store) => store.id === storeId)?.name ?? storeId,
      })}
    </DialogContentText>
  );
}

/** The top-up done: the principal and bonus added and the balance after. */
function TopUpDone({ result, onClose }: { result: TopUpResult; onClose: () => void }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${S}.${name}`, options);
  return (
    <>
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
    </>
  );
}
