/**
 * 推荐记录 (owners and managers): every referral newest first, with links to
 * the member who invited and the member who joined, the code used, and
 * whether the new member's first purchase has rewarded both yet.
 */
import {
  Alert,
  Card,
  CardContent,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Title, useTranslate } from "react-admin";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { ReferralsQuery, ReferralsQueryVariables } from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { errorMessage } from "../members/loyalty/api";
import { LoadMore } from "../members/loyalty/LoadMore";
import { REFERRAL_FIELDS } from "../members/wallet/api";
import { MemberLink, ReferralStatus } from "../members/wallet/ReferralPanel";

const R = "resources.referrals";

const REFERRALS: Document<ReferralsQuery, ReferralsQueryVariables> = /* GraphQL */ `
  query referrals($first: Int, $after: String) {
    referrals(first: $first, after: $after) {
      nodes {
        ...ReferralFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${REFERRAL_FIELDS}
`;

export function ReferralsPage() {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const request = useRequest();
  const referrals = useInfiniteQuery({
    queryKey: ["referrals"],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => (await request(REFERRALS, { first: 25, after: pageParam })).referrals,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  const items = referrals.data?.pages.flatMap((page) => page.nodes) ?? [];
  const f = (name: string) => translate(`${R}.fields.${name}`);

  return (
    <Card sx={{ mt: 2 }} data-testid="referrals-page">
      <Title title={`${R}.name`} />
      <CardContent>
        {referrals.isPending && <LinearProgress data-testid="referrals-loading" />}
        {referrals.error && <Alert severity="error">{errorMessage(referrals.error)}</Alert>}
        {referrals.data && items.length === 0 && <Typography variant="body2">{translate(`${R}.none`)}</Typography>}
        {items.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{f("at")}</TableCell>
                <TableCell>{f("referrer")}</TableCell>
                <TableCell>{f("member")}</TableCell>
                <TableCell>{f("inviteCode")}</TableCell>
                <TableCell>{f("status")}</TableCell>
                <TableCell>{f("referrerCoupon")}</TableCell>
                <TableCell>{f("refereeCoupon")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((referral) => (
                <TableRow key={referral.memberId} data-testid="referral-row">
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{format(referral.at)}</TableCell>
                  <TableCell>
                    <MemberLink member={referral.referrer} />
                  </TableCell>
                  <TableCell>
                    <MemberLink member={referral.member} />
                  </TableCell>
                  <TableCell sx={{ fontFamily: "monospace" }}>{referral.inviteCode}</TableCell>
                  <TableCell>
                    <ReferralStatus referral={referral} />
                  </TableCell>
                  <TableCell sx={{ fontFamily: "monospace" }}>{referral.referrerCoupon ?? "—"}</TableCell>
                  <TableCell sx={{ fontFamily: "monospace" }}>{referral.refereeCoupon ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <LoadMore query={referrals} />
      </CardContent>
    </Card>
  );
}
