/**
 * Buy a reward from the points mall for the member: pick it, confirm, and the
 * API spends the points (never overdrawing, never overselling stock). The
 * request id is made when the dialog opens, so a retry takes one reward.
 */
import RedeemIcon from "@mui/icons-material/Redeem";
import {
  Alert,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { Button, useTranslate } from "react-admin";
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
      <Button
        label="resources.members.loyalty.actions.redeem_reward"
        onClick={() => setOpen(true)}
        data-testid="redeem-reward"
      >
        <RedeemIcon />
      </Button>
      {open && (
        <RedeemRewardDialog memberId={memberId} available={account?.available ?? 0} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

function rewardLine(reward: Reward, t: (name: string, options?: Record<string, unknown>) => string) {
  return [
    t("cost", { points: reward.pointsCost }),
    reward.stock === null ? t("unlimited") : t("stock", { stock: reward.stock }),
    reward.perMemberLimit ? t("per_member", { limit: reward.perMemberLimit }) : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
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
  const { busy, error: apiError, dismiss, submit } = useMutationDialog({ onClose });
  const { data: rewards, error } = useRewards(true);
  const [rewardId, setRewardId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const t = (name: string, options?: Record<string, unknown>) =>
    translate(`resources.members.loyalty.reward.${name}`, options);
  const reward = rewards?.find((candidate) => candidate.id === rewardId);
  const short =
    reward && reward.pointsCost > available ? t("not_enough", { cost: reward.pointsCost, available }) : undefined;

  const send = () => {
    if (!reward) return;
    void submit({
      send: (requestId) => request(REDEEM_REWARD, { memberId, rewardId: reward.id, requestId }),
      success: ({ redeemReward: { redemption } }) =>
        [
          t("done", { name: redemption.rewardName, points: redemption.points }),
          redemption.couponCode ? t("coupon", { code: redemption.couponCode }) : "",
        ]
          .filter(Boolean)
          .join("；"),
      close: true,
    });
  };

  return (
    <Dialog open onClose={dismiss} fullWidth maxWidth="sm">
      <DialogTitle>{t("title")}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        {rewards && rewards.length === 0 && <Typography>{t("none")}</Typography>}
        {rewards && rewards.length > 0 && !confirming && (
          <TextField
            select
            fullWidth
            sx={{ mt: 1 }}
            label={t("pick")}
            value={rewardId}
            onChange={(event) => setRewardId(event.target.value)}
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
        )}
        {confirming && reward && (
          <Alert severity="info" data-testid="reward-confirm-text">
            {t("confirm_text", { cost: reward.pointsCost, name: reward.name })}
          </Alert>
        )}
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
      </DialogContent>
      <DialogActions>
        {confirming ? (
          <>
            <MuiButton onClick={() => setConfirming(false)} disabled={busy}>
              {translate("resources.members.loyalty.actions.back")}
            </MuiButton>
            <MuiButton variant="contained" onClick={send} disabled={busy} data-testid="reward-confirm">
              {t("confirm")}
            </MuiButton>
          </>
        ) : (
          <>
            <MuiButton onClick={onClose}>{translate("ra.action.cancel")}</MuiButton>
            <MuiButton
              variant="contained"
              disabled={!reward || Boolean(short)}
              onClick={() => setConfirming(true)}
              data-testid="reward-next"
            >
              {translate("resources.members.loyalty.actions.next")}
            </MuiButton>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
