/** Rewards the member took from the points mall, newest first. */
import { Alert, Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import { errorMessage, MEMBER_REDEMPTIONS, useMemberConnection } from "./api";
import { LoadMore } from "./LoadMore";

export function RedemptionsTab({ memberId }: { memberId: string }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const redemptions = useMemberConnection(memberId, "redemptions", MEMBER_REDEMPTIONS);
  const t = (name: string) => translate(`resources.members.loyalty.redemptions.${name}`);

  if (redemptions.error) return <Alert severity="error">{errorMessage(redemptions.error)}</Alert>;
  if (!redemptions.data) return null;
  if (redemptions.items.length === 0) return <Typography variant="body2">{t("none")}</Typography>;
  return (
    <Box data-testid="redemptions-tab">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t("at")}</TableCell>
            <TableCell>{t("reward")}</TableCell>
            <TableCell align="right">{t("points")}</TableCell>
            <TableCell>{t("coupon")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {redemptions.items.map((redemption) => (
            <TableRow key={redemption.id} data-testid="redemption-row">
              <TableCell>{format(redemption.at)}</TableCell>
              <TableCell>{redemption.rewardName}</TableCell>
              <TableCell align="right">-{redemption.points}</TableCell>
              <TableCell sx={{ fontFamily: "monospace" }}>{redemption.couponCode ?? "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <LoadMore query={redemptions} />
    </Box>
  );
}
