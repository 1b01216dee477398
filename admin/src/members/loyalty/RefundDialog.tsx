/**
 * Refund some units of an order's lines, or all of them. Money moves, so the
 * refund is confirmed before it is sent; its id is made when the dialog opens
 * and kept for retries. Afterwards it shows what the API took back: points,
 * growth, and any debt or shortfall when the member had already spent them.
 */
import {
  Alert,
  Box,
  Button as MuiButton,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useState, type Dispatch, type SetStateAction } from "react";
import { useTranslate } from "react-admin";
import { shortId } from "../../common/shortId";
import { SmallScreenDialog } from "../../common/smallScreen";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest, type GraphqlRequest } from "../../dataProvider/useRequest";
import type {
  AccountBeforeQuery,
  AccountBeforeQueryVariables,
  RefundOrderMutation,
  RefundOrderMutationVariables,
} from "../../generated/graphql";
import { ACCOUNT_FIELDS, ORDER_FIELDS, type Order } from "./api";
import { formatFen } from "./money";
import { RefundDone, type RefundOutcome } from "./RefundResult";

const R = "resources.members.loyalty.refund";

const ACCOUNT_BEFORE: Document<AccountBeforeQuery, AccountBeforeQueryVariables> = /* GraphQL */ `
  query accountBefore($id: ID!) {
    member(id: $id) {
      id
      account {
        ...AccountFields
      }
    }
  }
  ${ACCOUNT_FIELDS}
`;

const REFUND_ORDER: Document<RefundOrderMutation, RefundOrderMutationVariables> = /* GraphQL */ `
  mutation refundOrder($input: RefundInput!) {
    refundOrder(input: $input) {
      created
      order {
        ...OrderFields
      }
      account {
        ...AccountFields
      }
    }
  }
  ${ORDER_FIELDS}
  ${ACCOUNT_FIELDS}
`;

type OrderLine = Order["lines"][number];

const refundable = (line: OrderLine) => line.qty - line.refundedQty;
const refundedPoints = (order: Order) => order.lines.reduce((sum, line) => sum + line.refundedPoints, 0);

/** The units picked per line: the lines asked for more than they have left (or unreadable), those picked, the sum. */
function refundChoice(order: Order, units: Record<string, string>) {
  const chosen = order.lines.map((line) => ({
    line,
    qty: /^\d+$/.test(units[line.sku] ?? "") ? Number(units[line.sku]) : NaN,
  }));
  const tooMany = chosen
    .filter(({ line, qty }) => Number.isNaN(qty) || qty > refundable(line))
    .map(({ line }) => line.sku);
  const picked = chosen.filter(({ qty }) => qty > 0 && !Number.isNaN(qty));
  const totalUnits = picked.reduce((sum, { qty }) => sum + qty, 0);
  return { tooMany, picked, totalUnits };
}

/** Sends the refund; the account is read just before it, so what the refund took back is the difference. */
async function refundAndCompare(
  request: GraphqlRequest,
  {
    memberId,
    refundId,
    order,
    picked,
  }: { memberId: string; refundId: string; order: Order; picked: { line: OrderLine; qty: number }[] },
): Promise<RefundOutcome> {
  const before = (await request(ACCOUNT_BEFORE, { id: memberId })).member!.account;
  const data = await request(REFUND_ORDER, {
    input: { refundId, orderId: order.id, lines: picked.map(({ line, qty }) => ({ sku: line.sku, qty })) },
  });
  const { order: after, account } = data.refundOrder;
  return {
    ...data.refundOrder,
    points: refundedPoints(after) - refundedPoints(order),
    growth: Math.max(0, before.growth - account.growth),
    debtAdded: Math.max(0, account.debt - before.debt),
    shortfallAdded: Math.max(0, account.shortfall - before.shortfall),
  };
}

export function RefundDialog({ memberId, order, onClose }: { memberId: string; order: Order; onClose: () => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const { busy, error: apiError, key: refundId, dismiss, submit } = useMutationDialog({ onClose });
  const [units, setUnits] = useState<Record<string, string>>(() =>
    Object.fromEntries(order.lines.map((line) => [line.sku, "0"])),
  );
  const [step, setStep] = useState<"pick" | "confirm">("pick");
  const [attempted, setAttempted] = useState(false);
  const [outcome, setOutcome] = useState<RefundOutcome>();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);

  const { tooMany, picked, totalUnits } = refundChoice(order, units);
  const problem = tooMany.length ? t("too_many") : totalUnits === 0 ? t("nothing") : undefined;
  const send = () =>
    void submit({ send: () => refundAndCompare(request, { memberId, refundId, order, picked }), done: setOutcome });
  const next = () => {
    setAttempted(true);
    if (!problem) setStep("confirm");
  };

  return (
    <SmallScreenDialog open onClose={outcome ? onClose : dismiss} fullWidth maxWidth="sm">
      {outcome ? (
        <RefundDone outcome={outcome} refundId={refundId} onClose={onClose} />
      ) : (
        <>
          <DialogTitle>{step === "pick" ? t("title", { id: shortId(order.id) }) : t("confirm_title")}</DialogTitle>
          <DialogContent>
            {step === "pick" ? (
              <RefundPick
                order={order}
                units={units}
                setUnits={setUnits}
                tooMany={attempted ? tooMany : []}
                problem={attempted ? problem : undefined}
              />
            ) : (
              <Alert severity="warning" data-testid="refund-confirm-text">
                {t("confirm_text", { id: shortId(order.id), units: totalUnits })}
              </Alert>
            )}
            {apiError && (
              <Alert severity="error" sx={{ mt: 2 }} data-testid="refund-error">
                {apiError}
              </Alert>
            )}
          </DialogContent>
          <RefundActions
            step={step}
            busy={busy}
            onCancel={onClose}
            onNext={next}
            onBack={() => setStep("pick")}
            onConfirm={send}
          />
        </>
      )}
    </SmallScreenDialog>
  );
}

/** The pick step: each line with the units it has left to refund, a button for all of them, and what is wrong. */
function RefundPick({
  order,
  units,
  setUnits,
  tooMany,
  problem,
}: {
  order: Order;
  units: Record<string, string>;
  setUnits: Dispatch<SetStateAction<Record<string, string>>>;
  /** The lines to mark (once a next was attempted). */
  tooMany: string[];
  /** Why the refund cannot go on (once a next was attempted). */
  problem: string | undefined;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);
  return (
    <>
      <DialogContentText sx={{ mb: 2 }}>{t("hint")}</DialogContentText>
      <Stack spacing={1.5}>
        {order.lines.map((line) => (
          <RefundLine
            key={line.sku}
            line={line}
            value={units[line.sku]}
            error={tooMany.includes(line.sku)}
            onChange={(value) => setUnits((current) => ({ ...current, [line.sku]: value }))}
          />
        ))}
      </Stack>
      <MuiButton
        sx={{ mt: 2 }}
        onClick={() => setUnits(Object.fromEntries(order.lines.map((line) => [line.sku, String(refundable(line))])))}
        data-testid="refund-all"
      >
        {t("all")}
      </MuiButton>
      {problem && (
        <Alert severity="warning" sx={{ mt: 2 }} data-testid="refund-invalid">
          {problem}
        </Alert>
      )}
    </>
  );
}

/** One line of the order: what was bought, the units left to refund, and how many to refund now. */
function RefundLine({
  line,
  value,
  error,
  onChange,
}: {
  line: OrderLine;
  value: string | undefined;
  error: boolean;
  onChange: (value: string) => void;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);
  return (
    <Box data-testid="refund-line" data-sku={line.sku} sx={{ display: "flex", gap: 2, alignItems: "center" }}>
      <Box sx={{ flex: 1 }}>
        <Typography variant="body2">
          {line.name} ({line.sku}) × {line.qty} · {formatFen(line.amount)}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {t("refundable", { qty: refundable(line) })}
        </Typography>
      </Box>
      <TextField
        size="small"
        sx={{ width: 120 }}
        label={t("qty")}
        value={value}
        disabled={refundable(line) === 0}
        error={error}
        onChange={(event) => onChange(event.target.value)}
        slotProps={{ htmlInput: { "data-testid": `refund-qty-${line.sku}`, inputMode: "numeric" } }}
      />
    </Box>
  );
}

/** Cancel and next while picking; back and confirm (in red: money moves) once confirming. */
function RefundActions({
  step,
  busy,
  onCancel,
  onNext,
  onBack,
  onConfirm,
}: {
  step: "pick" | "confirm";
  busy: boolean;
  onCancel: () => void;
  onNext: () => void;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const translate = useTranslate();
  return (
    <DialogActions>
      {step === "pick" ? (
        <>
          <MuiButton onClick={onCancel}>{translate("ra.action.cancel")}</MuiButton>
          <MuiButton variant="contained" onClick={onNext} data-testid="refund-next">
            {translate("resources.members.loyalty.actions.next")}
          </MuiButton>
        </>
      ) : (
        <>
          <MuiButton onClick={onBack} disabled={busy}>
            {translate("resources.members.loyalty.actions.back")}
          </MuiButton>
          <MuiButton color="error" variant="contained" onClick={onConfirm} disabled={busy} data-testid="refund-confirm">
            {translate(`${R}.confirm`)}
          </MuiButton>
        </>
      )}
    </DialogActions>
  );
}
