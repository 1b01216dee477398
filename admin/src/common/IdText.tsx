/**
 * Ids and references as staff read them: the last characters of an id
 * (shortId), a reference's kind in words (订单 2a7d4c3f for order:…), the whole
 * value in the tooltip for copying or a search.
 */
import { Box, type SxProps, type Theme } from "@mui/material";
import { useTranslate } from "react-admin";
import { refText } from "./refText";
import { shortId } from "./shortId";

const ID_STYLE = { fontFamily: "monospace", fontSize: 12, whiteSpace: "nowrap" } as const;

/** An id shortened on screen, whole in its tooltip. */
export function ShortId({ id, sx, testId }: { id: string | null | undefined; sx?: SxProps<Theme>; testId?: string }) {
  if (!id) return null;
  return (
    <Box component="span" title={id} sx={[ID_STYLE, ...(Array.isArray(sx) ? sx : [sx])]} data-testid={testId}>
      {shortId(id)}
    </Box>
  );
}

/** A ledger reference (order, refund, payment, …) in words, whole in its tooltip. */
export function RefText({ value }: { value: string | null | undefined }) {
  const translate = useTranslate();
  if (!value) return null;
  return (
    <Box component="span" title={value} sx={{ whiteSpace: "nowrap" }} data-testid="ledger-ref">
      {refText(value, translate)}
    </Box>
  );
}
