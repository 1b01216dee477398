/** The member's points, tier and visits at a glance, with the way to the next tier. */
import { Box, Chip, LinearProgress, Tooltip, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { discountText } from "../../common/discount";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import type { Account, LoyaltyConfig, Tier } from "./api";
import { formatFen } from "./money";

function Stat({
  label,
  testId,
  children,
  hint,
}: {
  label: string;
  testId: string;
  children: React.ReactNode;
  hint?: string;
}) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Typography variant="h6" component="div" data-testid={testId}>
        {children}
      </Typography>
      {hint && (
        <Typography variant="caption" color="text.secondary" component="div">
          {hint}
        </Typography>
      )}
    </Box>
  );
}

/**
 * The next tier up the ladder that growth has not reached yet, and how far the
 * member is from it (from the current tier's threshold). Tiers follow growth,
 * never the spendable balance.
 */
export function nextTierProgress(
  tiers: Tier[],
  tierId: string,
  growth: number,
): { next: Tier; needed: number; percent: number } | "top" | undefined {
  const rank = tiers.findIndex((tier) => tier.id === tierId);
  if (rank === tiers.length - 1) return "top";
  const next = tiers.find((tier, index) => index > rank && tier.threshold > growth);
  if (!next) return undefined;
  const from = Math.min(tiers[rank]?.threshold ?? 0, growth);
  const percent = Math.max(0, Math.min(100, ((growth - from) / (next.threshold - from)) * 100));
  return { next, needed: next.threshold - growth, percent };
}

const key = (name: string) => `resources.members.loyalty.summary.${name}`;

/** Two columns at least on a phone, so the growth bar's two-column span never widens the page. */
const STAT_COLUMNS = { xs: "repeat(auto-fill, minmax(140px, 1fr))", sm: "repeat(auto-fill, minmax(170px, 1fr))" };

export function AccountSummary({ account, config }: { account: Account; config: LoyaltyConfig | undefined }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const tiers = config?.ladder.tiers ?? [];
  const progress = config ? nextTierProgress(tiers, account.tierId, account.growth) : undefined;
  const pendingDays = config?.rules.pendingDays ?? 0;

  return (
    <Box data-testid="loyalty-summary" sx={{ display: "grid", gridTemplateColumns: STAT_COLUMNS, gap: 2, my: 2 }}>
      <Stat label={key("available")} testId="loyalty-available">
        {account.available}
      </Stat>
      <Stat
        label={key("pending")}
        testId="loyalty-pending"
        hint={
          account.pending > 0 && pendingDays > 0 ? translate(key("pending_hint"), { days: pendingDays }) : undefined
        }
      >
        {account.pending}
      </Stat>
      {account.debt > 0 && (
        <Stat label={key("debt")} testId="loyalty-debt" hint={translate(key("debt_hint"))}>
          {account.debt}
        </Stat>
      )}
      {account.shortfall > 0 && (
        <Stat label={key("shortfall")} testId="loyalty-shortfall">
          {account.shortfall}
        </Stat>
      )}
      <TierStat account={account} tiers={tiers} />
      <GrowthStat growth={account.growth} progress={progress} />
      <Stat label={key("visits")} testId="loyalty-visits">
        {account.visits}
      </Stat>
      <Stat label={key("lifetime_spend")} testId="loyalty-spend">
        {formatFen(account.lifetimeSpend)}
      </Stat>
      <Stat label={key("last_visit")} testId="loyalty-last-visit">
        <Typography component="span" variant="body1">
          {account.lastVisitAt ? format(account.lastVisitAt) : translate(key("never"))}
        </Typography>
      </Stat>
      {account.nextExpiryAt && account.nextExpiryPoints ? (
        <Stat
          label={key("next_expiry")}
          testId="loyalty-next-expiry"
          hint={translate(key("next_expiry_on"), { date: format(account.nextExpiryAt, false) })}
        >
          {account.nextExpiryPoints}
        </Stat>
      ) : null}
    </Box>
  );
}

/** The member's tier, and the manual floor under it when one is set. */
function TierStat({ account, tiers }: { account: Account; tiers: Tier[] }) {
  const translate = useTranslate();
  const floor = account.manualTierId
    ? (tiers.find((tier) => tier.id === account.manualTierId)?.name ?? account.manualTierId)
    : undefined;
  const discount = discountText(tiers.find((tier) => tier.id === account.tierId)?.discountPercent, translate);
  return (
    <Stat label={key("tier")} testId="loyalty-tier">
      <Box component="span" sx={{ display: "inline-flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
        <span data-testid="loyalty-tier-name">{account.tierName}</span>
        {discount && (
          <Typography component="span" variant="body2" color="text.secondary" data-testid="loyalty-tier-discount">
            {discount}
          </Typography>
        )}
        {floor && (
          <Tooltip title={translate("resources.members.loyalty.tiers.manual_hint")}>
            <Chip
              size="small"
              variant="outlined"
              label={translate(key("manual_floor"), { tier: floor })}
              data-testid="loyalty-tier-floor"
            />
          </Tooltip>
        )}
      </Box>
    </Stat>
  );
}

/** The member's growth, and the way to the next tier (or that this is the top one). */
function GrowthStat({ growth, progress }: { growth: number; progress: ReturnType<typeof nextTierProgress> }) {
  const translate = useTranslate();
  return (
    <Box sx={{ gridColumn: "span 2", minWidth: 0 }}>
      <Stat label={key("growth")} testId="loyalty-growth">
        {growth}
      </Stat>
      {progress === "top" && (
        <Typography variant="caption" color="text.secondary" data-testid="loyalty-next-tier">
          {translate(key("top_tier"))}
        </Typography>
      )}
      {progress && progress !== "top" && (
        <Box data-testid="loyalty-next-tier">
          <LinearProgress
            variant="determinate"
            value={progress.percent}
            sx={{ my: 0.5, height: 6, borderRadius: 3 }}
            aria-label={translate(key("growth"))}
          />
          <Typography variant="caption" color="text.secondary">
            {translate(key("next_tier"), { needed: progress.needed, tier: progress.next.name })}
          </Typography>
        </Box>
      )}
    </Box>
  );
}
