/**
 * Buy a reward from the points mall for the member: pick it, confirm, and the
 * API spends the points (never overdrawing, never overselling stock). The
 * request id is made when the dialog opens, so a retry takes one reward.
 */
import RedeemIcon from "@mui/icons-material/Redeem";
import { Alert, DialogContent, DialogTitle, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { LabelledButton, SmallScreenDialog } from "../../common/smallScreen";
import { TwoStepActions } from "../../common/TwoStepActions";
import { useMutationDialog } from "../../common/useMutationDialog";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { RedeemRewardMutation, RedeemRewardMutationVariables } from "../../generated/graphql";
import { errorMessage, REDEMPTION_FIELDS, useRewards, type Account, type Reward } from "./api";

const REDEEM_REWARD: Document<RedeemRewardMutation, RedeemRewardMutationVariables> = /* GraphQL */ `
  mutation redeemReward($memberId: ID!, $rewardId: ID!, $requestId: String!) {
    redeemReward(memberId: $memberId, rewardId: $rewardId, requestId: $requestId) {
      created
      redemption {
        ...RedemptionFields
      }
      account {
        memberId
        available
      }
    }
  }
  ${REDEMPTION_FIELDS}
`;

export function RedeemRewardButton({ memberId, account }: { memberId: string; account: Account | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <LabelledButton
        label="resources.members.loyalty.actions.redeem_reward"
        icon={<RedeemIcon />}
        onClick={() => setOpen(true)}
        data-testid="redeem-reward"
      />
      {open && (
        <RedeemRewardDialog memberId={memberId} available={account?.available ?? 0} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

const R = "resources.members.loyalty.reward";

function rewardLine(reward: Reward, t: (name: string, options?: Record<string, unknown>) => string) {
  return [
    t("cost", { points: reward.pointsCost }),
    reward.stock === null ? t("unlimited") : t("stock", { stock: reward.stock }),
    reward.perMemberLimit ? t("per_member", { limit: reward.perMemberLimit }) : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** The success notification: the reward and the points it took, and the code of the coupon it gave, if any. */
function redeemedText(
  redemption: RedeemRewardMutation["redeemReward"]["redemption"],
  translate: (key: string, options?: Record<string, unknown>) => string,
) {
  return [
    translate(`${R}.done`, { name: redemption.rewardName, points: redemption.points }),
    redemption.couponCode ? translate(`${R}.coupon`, { code: redemption.couponCode }) : "",
  ]
    .filter(Boolean)
    .join("；");
}

function RedeemRewardDialog({
  memberId,
  available,
  onClose,
}: {
  memberId: string;
  available: number;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const request = useRequest();
  const { error: apiError, dismiss, submit, confirming, steps } = useMutationDialog({ onClose });
  const { data: rewards, error } = useRewards(true);
  const [rewardId, setRewardId] = useState("");
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);
  const reward = rewards?.find((candidate) => candidate.id === rewardId);
  const short =
    reward && reward.pointsCost > available ? t("not_enough", { cost: reward.pointsCost, available }) : undefined;

  const send = () => {
    if (!reward) return;
    void submit({
      send: (requestId) => request(REDEEM_REWARD, { memberId, rewardId: reward.id, requestId }),
      success: ({ redeemReward: { redemption } }) => redeemedText(redemption, translate),
      close: true,
    });
  };

  return (
    <SmallScreenDialog open onClose={dismiss} fullWidth maxWidth="sm">
      <DialogTitle>{t("title")}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        {rewards && rewards.length === 0 && <Typography>{t("none")}</Typography>}
        {rewards && rewards.length > 0 && !confirming && (
          <RewardSelect rewards={rewards} rewardId={rewardId} reward={reward} onChange={setRewardId} />
        )}
        {confirming && reward && (
          <Alert severity="info" data-testid="reward-confirm-text">
            {t("confirm_text", { cost: reward.pointsCost, name: reward.name })}
          </Alert>
        )}
        <RedeemNotices short={short} apiError={apiError} />
      </DialogContent>
      <TwoStepActions
        {...steps}
        ready={Boolean(reward) && !short}
        onConfirm={send}
        testId="reward"
        labels={{
          back: "resources.members.loyalty.actions.back",
          next: "resources.members.loyalty.actions.next",
          confirm: `${R}.confirm`,
        }}
        cancelWhileConfirming={false}
      />
    </SmallScreenDialog>
  );
}

/** The rewards to pick from, each with its cost, stock and limit; the one picked shows its description. */
function RewardSelect({
  rewards,
  rewardId,
  reward,
  onChange,
}: {
  rewards: Reward[];
  rewardId: string;
  reward: Reward | undefined;
  onChange: (rewardId: string) => void;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${R}.${name}`, options);
  return (
    <TextField
      select
      fullWidth
      sx={{ mt: 1 }}
      label={t("pick")}
      value={rewardId}
      onChange={(event) => onChange(event.target.value)}
      helperText={reward ? (reward.description ?? undefined) : undefined}
      slotProps={{ htmlInput: { "data-testid": "reward-select" } }}
    >
      {rewards.map((candidate) => (
        <MenuItem key={candidate.id} value={candidate.id}>
          <Stack>
            <span>{candidate.name}</span>
            <Typography variant="caption" color="text.secondary">
              {rewardLine(candidate, t)}
            </Typography>
          </Stack>
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Why the member cannot take the reward (too few points), and the API's refusal. */
function RedeemNotices({ short, apiError }: { short: string | undefined; apiError: string | undefined }) {
  return (
    <>
      {short && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {short}
        </Alert>
      )}
      {apiError && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="reward-error">
          {apiError}
        </Alert>
      )}
    </>
  );
}
