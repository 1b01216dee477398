/**
 * Refund a top-up (owners and managers): what is left of its principal goes
 * back to the member, the unused bonus is taken back (the merchant's refund
 * rule may also keep principal against bonus already spent). A reason is
 * required and the refund is confirmed first; a top-up is refunded once.
 */
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
import { useState } from "react";
import { useTranslate } from "react-admin";
import { SmallScreenDialog } from "../../common/smallScreen";
import { TwoStepActions } from "../../common/TwoStepActions";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { RefundTopUpMutation, RefundTopUpMutationVariables } from "../../generated/graphql";
import { formatFen } from "../loyalty/money";
import { BALANCE_FIELDS, type TopUp } from "./api";

const R = "resources.members.wallet.stored_value.refund";

type RefundResult = RefundTopUpMutation["refundTopUp"];

const REFUND_TOP_UP: Document<RefundTopUpMutation, RefundTopUpMutationVariables> = /* GraphQL */ `
  mutation refundTopUp($memberId: ID!, $paymentId: String!, $reason: String!) {
    refundTopUp(memberId: $memberId, paymentId: $paymentId, reason: $reason) {
      created
      refund {
        paymentId
        principalReturned
        principalKept
        bonusForfeited
        at
      }
      balance {
        ...BalanceFields
      }
    }
  }
  ${BALANCE_FIELDS}
`;

export function RefundTopUpDialog({
  memberId,
  topUp,
  onClose,
}: {
  memberId: string;
  topUp: TopUp;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const request = useRequest();
  const { error: apiError, dismiss, submit, confirming, steps } = useMutationDialog({ onClose, backOnRefusal: true });
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<RefundResult>();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);

  const send = () =>
    void submit({
      // The top-up's payment id makes a second refund of it harmless.
      send: () => request(REFUND_TOP_UP, { memberId, paymentId: topUp.paymentId, reason: reason.trim() }),
      done: (data) => setResult(data.refundTopUp),
    });

  return (
    <SmallScreenDialog open onClose={result ? onClose : dismiss} fullWidth maxWidth="sm">
      {result ? (
        <RefundTopUpDone result={result} onClose={onClose} />
      ) : (
        <>
          <DialogTitle>{t(confirming ? "confirm_title" : "title")}</DialogTitle>
          <RefundTopUpContent
            topUp={topUp}
            confirming={confirming}
            reason={reason}
            setReason={setReason}
            apiError={apiError}
          />
          <TwoStepActions
            {...steps}
            ready={Boolean(reason.trim())}
            onConfirm={send}
            testId="refund-top-up"
            labels={{
              back: "resources.members.wallet.back",
              next: "resources.members.wallet.next",
              confirm: `${R}.confirm`,
            }}
            danger
          />
        </>
      )}
    </SmallScreenDialog>
  );
}

/** What is left of the top-up, then the reason or what is about to be refunded; and the API's refusal. */
function RefundTopUpContent({
  topUp,
  confirming,
  reason,
  setReason,
  apiError,
}: {
  topUp: TopUp;
  confirming: boolean;
  reason: string;
  setReason: (reason: string) => void;
  apiError: string | undefined;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);
  return (
    <DialogContent>
      <Typography sx={{ mt: 1, mb: 2 }}>
        {t("left", {
          principal: formatFen(topUp.principalLeft),
          bonus: formatFen(topUp.bonusLeft),
          paid: formatFen(topUp.principal),
        })}
      </Typography>
      {!confirming ? (
        <TextField
          fullWidth
          label={t("reason")}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
          multiline
          slotProps={{ htmlInput: { maxLength: 200, "data-testid": "refund-top-up-reason" } }}
        />
      ) : (
        <DialogContentText data-testid="refund-top-up-confirm-text">
          {t("confirm_text", { principal: formatFen(topUp.principalLeft), bonus: formatFen(topUp.bonusLeft) })}
        </DialogContentText>
      )}
      {apiError && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="refund-top-up-error">
          {apiError}
        </Alert>
      )}
    </DialogContent>
  );
}

/** What the refund did: principal returned (and kept), bonus forfeited, and the balance after. */
function RefundTopUpDone({ result, onClose }: { result: RefundResult; onClose: () => void }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);
  return (
    <>
      <DialogTitle>{t("done_title")}</DialogTitle>
      <DialogContent>
        <Stack spacing={1} data-testid="refund-top-up-result">
          {!result.created && <Alert severity="info">{t("replayed")}</Alert>}
          <Typography data-testid="refund-principal-returned">
            {t("principal_returned", { amount: formatFen(result.refund.principalReturned) })}
          </Typography>
          <Typography data-testid="refund-bonus-forfeited">
            {t("bonus_forfeited", { amount: formatFen(result.refund.bonusForfeited) })}
          </Typography>
          {result.refund.principalKept > 0 && (
            <Typography data-testid="refund-principal-kept">
              {t("principal_kept", { amount: formatFen(result.refund.principalKept) })}
            </Typography>
          )}
          <Typography>
            {translate("resources.members.wallet.stored_value.top_up.balance", {
              total: formatFen(result.balance.total),
              principal: formatFen(result.balance.principal),
              bonus: formatFen(result.balance.bonus),
            })}
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid="refund-top-up-close">
          {translate("resources.members.wallet.close")}
        </Button>
      </DialogActions>
    </>
  );
}
