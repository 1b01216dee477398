/**
 * Referral (推荐有礼) on the member page: the code the member shares, who
 * invited them and whether that referral has been rewarded, and (owners and
 * managers) the members they brought in.
 */
import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { Link, useTranslate } from "react-admin";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import type { MemberRecord } from "../fields";
import { errorMessage } from "../loyalty/api";
import { LoadMore } from "../loyalty/LoadMore";
import { MEMBER_REFERRALS, useMemberPages, useMemberReferral, useWalletPermissions, type Referral } from "./api";

const R = "resources.members.wallet.referral";

export function MemberLink({ member }: { member: { id: string; name: string } | null }) {
  const translate = useTranslate();
  if (!member)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate("resources.referrals.hidden_member")}
      </Typography>
    );
  return (
    <Link to={`/members/${member.id}/show`} data-testid="member-link">
      {member.name}
    </Link>
  );
}

export function ReferralStatus({ referral }: { referral: Referral }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  return (
    <>
      <Chip
        size="small"
        color={referral.status === "rewarded" ? "success" : "default"}
        label={translate(`resources.referrals.status.${referral.status}`)}
        data-testid="referral-status"
      />
      {referral.rewardedAt && (
        <Typography variant="caption" component="div" color="text.secondary">
          {format(referral.rewardedAt)}
          {referral.orderId ? ` · ${referral.orderId}` : ""}
        </Typography>
      )}
    </>
  );
}

function BroughtIn({ memberId }: { memberId: string }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const referrals = useMemberPages(memberId, "referrals", MEMBER_REFERRALS);
  if (referrals.error) return <Alert severity="error">{errorMessage(referrals.error)}</Alert>;
  if (!referrals.data) return null;
  if (referrals.items.length === 0) return <Typography variant="body2">{translate(`${R}.none_brought`)}</Typography>;
  return (
    <>
      <Table size="small" data-testid="referrals-brought">
        <TableHead>
          <TableRow>
            <TableCell>{translate("resources.referrals.fields.member")}</TableCell>
            <TableCell>{translate("resources.referrals.fields.at")}</TableCell>
            <TableCell>{translate("resources.referrals.fields.status")}</TableCell>
            <TableCell>{translate("resources.referrals.fields.referrerCoupon")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {referrals.items.map((referral) => (
            <TableRow key={referral.memberId} data-testid="referral-row">
              <TableCell>
                <MemberLink member={referral.member} />
              </TableCell>
              <TableCell>{format(referral.at)}</TableCell>
              <TableCell>
                <ReferralStatus referral={referral} />
              </TableCell>
              <TableCell sx={{ fontFamily: "monospace" }}>{referral.referrerCoupon ?? "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <LoadMore query={referrals} />
    </>
  );
}

export function ReferralPanel({ member }: { member: MemberRecord }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const { canManage } = useWalletPermissions();
  const referral = useMemberReferral(member.id);
  const data = referral.data;

  return (
    <Box data-testid="referral-panel">
      {referral.error && <Alert severity="error">{errorMessage(referral.error)}</Alert>}
      {data && (
        <Box sx={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))", gap: 2, mb: 3 }}>
          <Box>
            <Typography variant="caption" color="text.secondary" component="div">
              {translate(`${R}.invite_code`)}
            </Typography>
            <Typography variant="h6" sx={{ fontFamily: "monospace", letterSpacing: 2 }} data-testid="invite-code">
              {data.inviteCode}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {translate(`${R}.invite_hint`)}
            </Typography>
          </Box>
          <Box data-testid="referred-by">
            <Typography variant="caption" color="text.secondary" component="div">
              {translate(`${R}.referred_by`)}
            </Typography>
            {data.referral ? (
              <>
                <MemberLink member={data.referral.referrer} />
                <Typography variant="body2" color="text.secondary">
                  {translate(`${R}.referred_detail`, { code: data.referral.inviteCode, at: format(data.referral.at) })}
                </Typography>
                <ReferralStatus referral={data.referral} />
              </>
            ) : (
              <Typography variant="body2">{translate(`${R}.not_referred`)}</Typography>
            )}
          </Box>
        </Box>
      )}
      {canManage && (
        <>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }} gutterBottom>
            {translate(`${R}.brought_in`)}
          </Typography>
          <BroughtIn memberId={member.id} />
        </>
      )}
    </Box>
  );
}
