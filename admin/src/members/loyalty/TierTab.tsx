/**
 * The tier ladder with the member's place on it, the manual tier (a floor:
 * reviews never go below it, growth can still lift the member higher; owners
 * only, as the API allows) and the history of tier changes.
 */
import {
  Alert,
  Box,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useNotify, useRefresh, useTranslate } from "react-admin";
import { discountText } from "../../common/discount";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { SetManualTierMutation, SetManualTierMutationVariables } from "../../generated/graphql";
import {
  ACCOUNT_FIELDS,
  errorMessage,
  MEMBER_TIER_HISTORY,
  useLoyaltyPermissions,
  useMemberConnection,
  type Account,
  type LoyaltyConfig,
} from "./api";
import { LoadMore } from "./LoadMore";

const SET_MANUAL_TIER: Document<SetManualTierMutation, SetManualTierMutationVariables> = /* GraphQL */ `
  mutation setManualTier($memberId: ID!, $tierId: ID) {
    setManualTier(memberId: $memberId, tierId: $tierId) {
      ...AccountFields
    }
  }
  ${ACCOUNT_FIELDS}
`;

function ManualTier({ memberId, account, config }: { memberId: string; account: Account; config: LoyaltyConfig }) {
  const translate = useTranslate();
  const request = useRequest();
  const refresh = useRefresh();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const t = (name: string, options?: Record<string, unknown>) =>
    translate(`resources.members.loyalty.tiers.${name}`, options);

  const save = async (tierId: string) => {
    setBusy(true);
    try {
      const data = await request(SET_MANUAL_TIER, { memberId, tierId: tierId || null });
      notify(t("manual_saved", { tier: data.setManualTier.tierName }), { type: "success" });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <TextField
      select
      size="small"
      sx={{ minWidth: 260 }}
      label={t("manual")}
      helperText={t("manual_hint")}
      value={account.manualTierId ?? ""}
      disabled={busy}
      onChange={(event) => void save(event.target.value)}
      slotProps={{
        select: { displayEmpty: true },
        inputLabel: { shrink: true },
        htmlInput: { "data-testid": "manual-tier" },
      }}
    >
      <MenuItem value="">{t("manual_none")}</MenuItem>
      {config.ladder.tiers.map((tier) => (
        <MenuItem key={tier.id} value={tier.id}>
          {tier.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function TierTab({
  memberId,
  account,
  config,
}: {
  memberId: string;
  account: Account | undefined;
  config: LoyaltyConfig | undefined;
}) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const { canSetTier } = useLoyaltyPermissions();
  const history = useMemberConnection(memberId, "tierHistory", MEMBER_TIER_HISTORY);
  const t = (name: string, options?: Record<string, unknown>) =>
    translate(`resources.members.loyalty.tiers.${name}`, options);
  const tierName = (id: string) => tierNameIn(config, id);

  return (
    <Box data-testid="tiers-tab">
      {config && account && (
        <LadderAndFloor memberId={memberId} account={account} config={config} canSetTier={canSetTier} />
      )}
      <Typography variant="subtitle2" gutterBottom>
        {t("history")}
      </Typography>
      {history.error && <Alert severity="error">{errorMessage(history.error)}</Alert>}
      {history.data && history.items.length === 0 && <Typography variant="body2">{t("none")}</Typography>}
      {history.items.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t("at")}</TableCell>
              <TableCell>{t("change")}</TableCell>
              <TableCell>{t("reason")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {history.items.map((change) => (
              <TableRow key={`${change.at}-${change.to}`} data-testid="tier-change">
                <TableCell>{format(change.at)}</TableCell>
                <TableCell>
                  {tierName(change.from)} → {tierName(change.to)}
                </TableCell>
                <TableCell>{t(`reasons.${change.reason}`, { _: change.reason })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <LoadMore query={history} />
    </Box>
  );
}

/** A tier's name in the ladder (its id when the ladder does not know it). */
const tierNameIn = (config: LoyaltyConfig | undefined, id: string) =>
  config?.ladder.tiers.find((tier) => tier.id === id)?.name ?? id;

/** The ladder with the member's tier lit, and the manual floor: set here by owners, only shown to others. */
function LadderAndFloor({
  memberId,
  account,
  config,
  canSetTier,
}: {
  memberId: string;
  account: Account;
  config: LoyaltyConfig;
  canSetTier: boolean;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) =>
    translate(`resources.members.loyalty.tiers.${name}`, options);
  return (
    <Stack spacing={2} sx={{ mb: 3 }}>
      <Box>
        <Typography variant="subtitle2" gutterBottom>
          {t("ladder")}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1 }} data-testid="tier-ladder">
          {config.ladder.tiers.map((tier) => (
            <Chip
              key={tier.id}
              color={tier.id === account.tierId ? "primary" : "default"}
              variant={tier.id === account.tierId ? "filled" : "outlined"}
              label={[
                tier.name,
                t("threshold", { threshold: tier.threshold }),
                discountText(tier.discountPercent, translate),
              ]
                .filter(Boolean)
                .join(" · ")}
            />
          ))}
        </Stack>
      </Box>
      {canSetTier ? (
        <ManualTier memberId={memberId} account={account} config={config} />
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t("manual")}: {account.manualTierId ? tierNameIn(config, account.manualTierId) : t("manual_none")} (
          {t("owner_only")})
        </Typography>
      )}
    </Stack>
  );
}
