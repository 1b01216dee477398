/**
 * Above the template list: the coupons that could not be given automatically
 * in the last 7 days (a sold-out birthday coupon, a paused welcome pack…),
 * one line per template, occasion and reason, so the owner adds stock or
 * resumes the template (a button to its edit page) instead of members
 * silently going without. Nothing shows when every coupon went out.
 */
import { Alert, AlertTitle, Box, Button } from "@mui/material";
import { usePermissions, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { Permissions } from "../auth/permissions";
import { addDays, localDate } from "../common/zonedDate";
import { useMerchant } from "../merchant/useMerchant";
import { canFix, shortfallLines, shortfallText, useCouponShortfalls } from "./shortfalls";

const T = "resources.couponTemplates";
/** The days the banner looks back over, today included. */
const DAYS = 7;

export function ShortfallBanner() {
  const translate = useTranslate();
  const merchant = useMerchant();
  const { permissions } = usePermissions<Permissions>();
  const owner = permissions?.role === "owner";
  // The merchant's days: wait for its time zone rather than ask for the browser's.
  const today = merchant.isPending ? undefined : localDate(new Date().toISOString(), merchant.data?.timeZone);
  const shortfalls = useCouponShortfalls(today ? { from: addDays(today, -(DAYS - 1)), to: today } : undefined);
  const lines = shortfallLines(shortfalls.data ?? []);
  if (lines.length === 0) return null;
  const total = lines.reduce((sum, line) => sum + line.members, 0);
  return (
    <Alert severity="warning" sx={{ mt: 2 }} data-testid="shortfall-banner" data-total={total}>
      <AlertTitle>{translate(`${T}.shortfalls.title`, { days: DAYS, count: total })}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2 }}>
        {lines.map((line) => (
          <Box
            component="li"
            key={`${line.templateId}-${line.source}-${line.reason}`}
            sx={{ py: 0.25 }}
            data-testid="shortfall-line"
            data-template-id={line.templateId}
            data-source={line.source}
            data-reason={line.reason}
          >
            <Box component="span" data-testid="shortfall-text">
              {shortfallText(line, translate)}
            </Box>
            {canFix(line, owner) && (
              <Button
                size="small"
                component={Link}
                to={`/couponTemplates/${encodeURIComponent(line.templateId)}`}
                sx={{ ml: 1, py: 0 }}
                data-testid="shortfall-edit"
              >
                {translate(`${T}.shortfalls.edit`)}
              </Button>
            )}
          </Box>
        ))}
      </Box>
      {!owner && <Box sx={{ mt: 0.5 }}>{translate(`${T}.shortfalls.ask_owner`)}</Box>}
    </Alert>
  );
}
