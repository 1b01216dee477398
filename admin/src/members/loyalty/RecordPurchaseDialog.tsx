/**
 * Record a purchase at the till for this member: store, lines (prices typed in
 * yuan, sent in fen), payment method. The order id is made when the dialog
 * opens and kept for every retry, so a double click or a resend after a lost
 * answer records the order once.
 */
import PointOfSaleIcon from "@mui/icons-material/PointOfSale";
import {
  Alert,
  Button as MuiButton,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useGetList, useRecordContext, useTranslate } from "react-admin";
import { LabelledButton, SmallScreenDialog } from "../../common/smallScreen";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { RecordPurchaseMutation, RecordPurchaseMutationVariables } from "../../generated/graphql";
import type { MemberRecord } from "../fields";
import { CheckoutReceipt } from "../wallet/CheckoutExtras";
import { ACCOUNT_FIELDS, useLoyaltyPermissions, type Account } from "./api";
import { purchaseInput, rememberPayment, usePurchaseDraft } from "./purchaseDraft";
import { PurchaseActions, PurchaseForm, type Store } from "./PurchaseForm";

const P = "resources.members.loyalty.purchase";

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
      <LabelledButton
        label="resources.members.loyalty.actions.record_purchase"
        icon={<PointOfSaleIcon />}
        variant="contained"
        onClick={() => setOpen(true)}
        data-testid="record-purchase"
      />
      {/* Mounted only while open: each opening is a new order with a new id. */}
      {open && <RecordPurchaseDialog member={record} before={account} onClose={() => setOpen(false)} />}
    </>
  );
}

interface PurchaseDialogProps {
  member: MemberRecord;
  /** The member's account before this purchase, to tell an upgrade. */
  before: Account | undefined;
  onClose: () => void;
}

function RecordPurchaseDialog({ member, before, onClose }: PurchaseDialogProps) {
  const translate = useTranslate();
  const request = useRequest();
  const { busy, error: apiError, key: orderId, dismiss, submit } = useMutationDialog({ onClose });
  const { permissions } = useLoyaltyPermissions();
  const { data: stores } = useGetList<Store>("stores", { pagination: { page: 1, perPage: 100 } });
  const [attempted, setAttempted] = useState(false);
  const [result, setResult] = useState<PurchaseResult & { before?: Account }>();
  const draft = usePurchaseDraft(member, permissions);
  const t = (name: string, options?: Record<string, unknown>) => translate(`${P}.${name}`, options);

  const onSubmit = () => {
    // A second click while the first is in flight sends nothing (the order id would make it harmless anyway).
    if (busy) return;
    setAttempted(true);
    if (!draft.valid) return;
    if ((draft.paying.storedValueAmount ?? 0) > 0 && !draft.confirming) {
      draft.setConfirming(true);
      return;
    }
    const input = purchaseInput(orderId, member.id, draft);
    void submit({
      send: () => request(RECORD_PURCHASE, { input }),
      // The account as it was when sent: the page's copy is refreshed right after.
      done: (data) => {
        rememberPayment(input.paymentMethod);
        setResult({ ...data.recordPurchase, before });
      },
    });
  };

  return (
    <SmallScreenDialog open onClose={result ? onClose : dismiss} fullWidth maxWidth={result ? "sm" : "md"}>
      {result ? (
        <PurchaseDone result={result} onClose={onClose} />
      ) : (
        <>
          <DialogTitle>{t("title")}</DialogTitle>
          <PurchaseForm
            memberId={member.id}
            orderId={orderId}
            stores={stores}
            draft={draft}
            attempted={attempted}
            apiError={apiError}
          />
          <PurchaseActions
            confirming={draft.confirming}
            busy={busy}
            onBack={() => draft.setConfirming(false)}
            onCancel={onClose}
            onSubmit={onSubmit}
          />
        </>
      )}
    </SmallScreenDialog>
  );
}

/** What the recorded purchase gave: the checkout, the points and growth earned, the balance and tier after. */
function PurchaseDone({ result, onClose }: { result: PurchaseResult & { before?: Account }; onClose: () => void }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${P}.${name}`, options);
  const { account: after, before: was } = result;
  return (
    <>
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
    </>
  );
}
