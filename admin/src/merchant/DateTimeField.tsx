/** Dates as the merchant reads them: in the merchant's time zone, in the console's language. */
import { Typography } from "@mui/material";
import { useFieldValue, useLocaleState, type FieldProps } from "react-admin";
import { useMerchantTimeZone } from "./useMerchant";

/** Format an ISO timestamp in a time zone and locale; unknown zones fall back to the browser's. */
export function formatDateTime(iso: string, locale: string, timeZone: string | undefined, showTime = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = showTime
    ? { dateStyle: "medium", timeStyle: "short" }
    : { dateStyle: "medium" };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

export function useFormatDateTime() {
  const [locale] = useLocaleState();
  const timeZone = useMerchantTimeZone();
  return (iso: string, showTime = true) => formatDateTime(iso, locale, timeZone, showTime);
}

export interface DateTimeFieldProps extends FieldProps {
  showTime?: boolean;
}

export function DateTimeField({ showTime = true, ...props }: DateTimeFieldProps) {
  const value = useFieldValue(props);
  const format = useFormatDateTime();
  return (
    <Typography component="span" variant="body2">
      {typeof value === "string" && value ? format(value, showTime) : (props.emptyText ?? "")}
    </Typography>
  );
}
