/** The points ledger (append-only, newest first) with the staff actions on points: adjust and redeem a reward. */
import { Alert, Box, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { RefText } from "../../common/IdText";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import { AdjustPointsButton } from "./AdjustPointsDialog";
import {
  errorMessage,
  MEMBER_LEDGER,
  useLoyaltyPermissions,
  useMemberConnection,
  useStaffNames,
  type Account,
  type LedgerEntry,
} from "./api";
import { LoadMore } from "./LoadMore";
import { signed } from "./money";
import { RedeemRewardButton } from "./RedeemRewardDialog";

/** Who made a movement: a staff member's name when known, else the kind of caller. */
export function useActorName() {
  const translate = useTranslate();
  const staff = useStaffNames();
  return (actor: string) => {
    const [kind, id] = actor.split(":", 2);
    if (kind === "staff" && id && staff.has(id)) return staff.get(id)!;
    return translate(`resources.members.loyalty.actor.${kind}`, { _: actor });
  };
}

const L = "resources.members.loyalty.ledger";

export function PointsTab({ memberId, account }: { memberId: string; account: Account | undefined }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const actorName = useActorName();
  const { canAdjust, canServe } = useLoyaltyPermissions();
  const ledger = useMemberConnection(memberId, "pointsLedger", MEMBER_LEDGER, 20);
  const t = (name: string) => translate(`${L}.${name}`);

  return (
    <Box data-testid="points-tab">
      <Stack direction="row" spacing={1} useFlexGap sx={{ mb: 1, justifyContent: "flex-end", flexWrap: "wrap" }}>
        {canServe && <RedeemRewardButton memberId={memberId} account={account} />}
        {canAdjust && <AdjustPointsButton memberId={memberId} />}
      </Stack>
      {ledger.error && <Alert severity="error">{errorMessage(ledger.error)}</Alert>}
      {ledger.data && ledger.items.length === 0 && <Typography variant="body2">{t("none")}</Typography>}
      {ledger.items.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t("at")}</TableCell>
              <TableCell>{t("type")}</TableCell>
              <TableCell align="right">{t("points")}</TableCell>
              <TableCell align="right">{t("balance_after")}</TableCell>
              <TableCell>{t("reason")}</TableCell>
              <TableCell>{t("ref")}</TableCell>
              <TableCell>{t("actor")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ledger.items.map((entry) => (
              <LedgerRow key={entry.id} entry={entry} at={format(entry.at)} actor={actorName(entry.actor)} />
            ))}
          </TableBody>
        </Table>
      )}
      <LoadMore query={ledger} />
    </Box>
  );
}

/** One movement: when, its type and points, the balance after, its reason and notes, its reference and who made it. */
function LedgerRow({ entry, at, actor }: { entry: LedgerEntry; at: string; actor: string }) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${L}.${name}`, options);
  return (
    <TableRow data-testid="ledger-row" data-type={entry.type}>
      <TableCell sx={{ whiteSpace: "nowrap" }}>{at}</TableCell>
      <TableCell data-testid="ledger-type">
        {translate(`resources.members.loyalty.ledger_type.${entry.type}`, { _: entry.type })}
      </TableCell>
      <TableCell
        align="right"
        data-testid="ledger-points"
        sx={{ color: entry.points < 0 ? "error.main" : "success.main", fontWeight: 600 }}
      >
        {signed(entry.points)}
      </TableCell>
      <TableCell align="right" data-testid="ledger-available">
        {entry.availableAfter}
        {entry.pendingAfter > 0 && (
          <Typography component="div" variant="caption" color="text.secondary">
            {t("pending_after", { points: entry.pendingAfter })}
          </Typography>
        )}
      </TableCell>
      <TableCell data-testid="ledger-reason">
        {entry.reason ?? ""}
        {[
          entry.draws.length > 0 ? t("lots", { count: entry.draws.length }) : undefined,
          entry.debtRepaid ? t("debt_repaid", { points: entry.debtRepaid }) : undefined,
          entry.debtAdded ? t("debt_added", { points: entry.debtAdded }) : undefined,
          entry.shortfall ? t("shortfall", { points: entry.shortfall }) : undefined,
        ]
          .filter(Boolean)
          .map((note) => (
            <Typography key={note} component="div" variant="caption" color="text.secondary">
              {note}
            </Typography>
          ))}
      </TableCell>
      <TableCell>
        <RefText value={entry.ref} />
      </TableCell>
      <TableCell>{actor}</TableCell>
    </TableRow>
  );
}
