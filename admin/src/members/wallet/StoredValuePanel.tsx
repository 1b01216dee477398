/**
 * The member's stored value (储值): the balance split into principal and
 * bonus, each top-up with what is left of it and where it may be spent, and
 * the ledger of every movement. Staff top up; owners and managers refund a top-up.
 */
import AddCardIcon from "@mui/icons-material/AddCard";
import UndoIcon from "@mui/icons-material/Undo";
import { Alert, Box, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { RefText, ShortId } from "../../common/IdText";
import { shortId } from "../../common/shortId";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import type { MemberRecord } from "../fields";
import { errorMessage, useStoreNames } from "../loyalty/api";
import { LoadMore } from "../loyalty/LoadMore";
import { useActorName } from "../loyalty/PointsTab";
import { formatFen } from "../loyalty/money";
import {
  MEMBER_SV_LEDGER,
  useMemberPages,
  useStoredValue,
  useTopUpPlans,
  useWalletPermissions,
  type SvEntry,
  type TopUp,
} from "./api";
import { RefundTopUpDialog } from "./RefundTopUpDialog";
import { TopUpDialog } from "./TopUpDialog";

const S = "resources.members.wallet.stored_value";

function Amount({ label, testId, fen }: { label: string; testId: string; fen: number }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Typography variant="h6" component="div" data-testid={testId}>
        {formatFen(fen)}
      </Typography>
    </Box>
  );
}

const signedFen = (fen: number) => (fen > 0 ? `+${formatFen(fen)}` : formatFen(fen));

function Ledger({ memberId }: { memberId: string }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const stores = useStoreNames();
  const actorName = useActorName();
  const ledger = useMemberPages(memberId, "storedValueLedger", MEMBER_SV_LEDGER);
  const t = (name: string, options?: Record<string, unknown>) => translate(`${S}.ledger.${name}`, options);
  if (ledger.error) return <Alert severity="error">{errorMessage(ledger.error)}</Alert>;
  if (!ledger.data) return null;
  if (ledger.items.length === 0) return <Typography variant="body2">{t("none")}</Typography>;
  return (
    <Box data-testid="sv-ledger">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t("at")}</TableCell>
            <TableCell>{t("type")}</TableCell>
            <TableCell align="right">{t("principal")}</TableCell>
            <TableCell align="right">{t("bonus")}</TableCell>
            <TableCell>{t("store")}</TableCell>
            <TableCell>{t("ref")}</TableCell>
            <TableCell>{t("actor")}</TableCell>
            <TableCell align="right">{t("after")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ledger.items.map((entry) => (
            <LedgerRow
              key={entry.id}
              entry={entry}
              at={format(entry.at)}
              store={stores.get(entry.storeId) ?? shortId(entry.storeId)}
              actor={actorName(entry.actor)}
            />
          ))}
        </TableBody>
      </Table>
      <LoadMore query={ledger} />
    </Box>
  );
}

function TopUps({ memberId, topUps, canRefund }: { memberId: string; topUps: TopUp[]; canRefund: boolean }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const stores = useStoreNames();
  const plans = useTopUpPlans();
  const [refunding, setRefunding] = useState<TopUp>();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${S}.top_ups.${name}`, options);
  if (topUps.length === 0) return <Typography variant="body2">{t("none")}</Typography>;
  const planName = (id: string | null) =>
    id ? (plans.data?.find((plan) => plan.id === id)?.name ?? id) : t("no_plan");
  return (
    <Box data-testid="sv-top-ups">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t("at")}</TableCell>
            <TableCell>{t("plan")}</TableCell>
            <TableCell>{t("store")}</TableCell>
            <TableCell>{t("scope")}</TableCell>
            <TableCell align="right">{t("principal")}</TableCell>
            <TableCell align="right">{t("bonus")}</TableCell>
            <TableCell>{t("status")}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {topUps.map((topUp) => (
            <TopUpRow
              key={topUp.id}
              topUp={topUp}
              at={format(topUp.at)}
              plan={planName(topUp.planId)}
              store={stores.get(topUp.storeId) ?? shortId(topUp.storeId)}
              canRefund={canRefund && topUp.status === "open" && topUp.principalLeft + topUp.bonusLeft > 0}
              onRefund={() => setRefunding(topUp)}
            />
          ))}
        </TableBody>
      </Table>
      {refunding && <RefundTopUpDialog memberId={memberId} topUp={refunding} onClose={() => setRefunding(undefined)} />}
    </Box>
  );
}

/** One movement of stored value: when, its type (a refund's detail), principal and bonus, where, who, after. */
function LedgerRow({ entry, at, store, actor }: { entry: SvEntry; at: string; store: string; actor: string }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${S}.ledger.${name}`, options);
  return (
    <TableRow data-testid="sv-entry" data-type={entry.type}>
      <TableCell sx={{ whiteSpace: "nowrap" }}>{at}</TableCell>
      <TableCell sx={{ whiteSpace: "nowrap" }}>
        {translate(`${S}.entry_type.${entry.type}`, { _: entry.type })}
        {entry.type === "topup_refund" && (
          <Typography variant="caption" component="div" color="text.secondary">
            {t("refund_detail", {
              returned: formatFen(entry.principalReturned ?? 0),
              forfeited: formatFen(entry.bonusForfeited ?? 0),
            })}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
        {signedFen(entry.principal)}
      </TableCell>
      <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
        {signedFen(entry.bonus)}
      </TableCell>
      <TableCell sx={{ whiteSpace: "nowrap" }}>{store}</TableCell>
      <TableCell>
        <RefText value={entry.ref} />
      </TableCell>
      <TableCell>{actor}</TableCell>
      <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
        {t("after_value", { principal: formatFen(entry.principalAfter), bonus: formatFen(entry.bonusAfter) })}
      </TableCell>
    </TableRow>
  );
}

/** One top-up: when (and its payment id), plan, store, scope, what is left of it, its status, a refund button. */
function TopUpRow({
  topUp,
  at,
  plan,
  store,
  canRefund,
  onRefund,
}: {
  topUp: TopUp;
  at: string;
  plan: string;
  store: string;
  canRefund: boolean;
  onRefund: () => void;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${S}.top_ups.${name}`, options);
  return (
    <TableRow data-testid="sv-top-up" data-payment-id={topUp.paymentId}>
      <TableCell sx={{ whiteSpace: "nowrap" }}>
        {at}
        <Typography variant="caption" component="div" color="text.secondary">
          <ShortId id={topUp.paymentId} testId="sv-top-up-payment-id" />
        </Typography>
      </TableCell>
      <TableCell sx={{ whiteSpace: "nowrap" }}>{plan}</TableCell>
      <TableCell sx={{ whiteSpace: "nowrap" }}>{store}</TableCell>
      <TableCell sx={{ whiteSpace: "nowrap" }}>
        {translate(`resources.topUpPlans.scope.${topUp.scope}`)}
        {topUp.scope === "city" ? ` (${topUp.city})` : ""}
      </TableCell>
      <TableCell align="right" data-testid="sv-top-up-principal">
        {t("left_of", { left: formatFen(topUp.principalLeft), of: formatFen(topUp.principal) })}
      </TableCell>
      <TableCell align="right" data-testid="sv-top-up-bonus">
        {t("left_of", { left: formatFen(topUp.bonusLeft), of: formatFen(topUp.bonus) })}
      </TableCell>
      <TableCell>
        <Chip
          size="small"
          color={topUp.status === "open" ? "success" : "default"}
          label={t(`statuses.${topUp.status}`)}
        />
      </TableCell>
      <TableCell>
        {canRefund && (
          <Button size="small" startIcon={<UndoIcon />} onClick={onRefund} data-testid="sv-top-up-refund">
            {t("refund")}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

export function StoredValuePanel({ member }: { member: MemberRecord }) {
  const translate = useTranslate();
  const { canManage, canServe } = useWalletPermissions();
  const stored = useStoredValue(member.id);
  const [toppingUp, setToppingUp] = useState(false);

  return (
    <Box data-testid="stored-value">
      <Box sx={{ display: "flex", alignItems: "flex-start", gap: 3, flexWrap: "wrap", mb: 2 }}>
        {stored.data && (
          <>
            <Amount label={`${S}.total`} testId="sv-total" fen={stored.data.storedValue.total} />
            <Amount label={`${S}.principal`} testId="sv-principal" fen={stored.data.storedValue.principal} />
            <Amount label={`${S}.bonus`} testId="sv-bonus" fen={stored.data.storedValue.bonus} />
          </>
        )}
        <Box sx={{ flex: 1 }} />
        {canServe && (
          <Button
            variant="contained"
            startIcon={<AddCardIcon />}
            onClick={() => setToppingUp(true)}
            data-testid="sv-top-up-open"
          >
            {translate(`${S}.top_up.action`)}
          </Button>
        )}
      </Box>
      {stored.error && <Alert severity="error">{errorMessage(stored.error)}</Alert>}
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }} gutterBottom>
        {translate(`${S}.top_ups.title`)}
      </Typography>
      {stored.data && <TopUps memberId={member.id} topUps={stored.data.storedValueTopUps} canRefund={canManage} />}
      <Typography variant="subtitle1" sx={{ fontWeight: 600, mt: 3 }} gutterBottom>
        {translate(`${S}.ledger.title`)}
      </Typography>
      <Ledger memberId={member.id} />
      {toppingUp && <TopUpDialog member={member} onClose={() => setToppingUp(false)} />}
    </Box>
  );
}
