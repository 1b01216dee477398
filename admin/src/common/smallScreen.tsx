/**
 * The console on a small screen (below MUI's sm breakpoint, 600 px): dialogs fill
 * the screen, buttons keep their words, and wide tables scroll inside their
 * box instead of stretching the page.
 */
import { Button, Dialog, useMediaQuery, type ButtonProps, type DialogProps, type Theme } from "@mui/material";
import type { ReactNode } from "react";
import { useTranslate } from "react-admin";

/** A phone-sized screen; read on the first render too, so a dialog opens in its phone layout. */
export const useSmallScreen = () => useMediaQuery((theme: Theme) => theme.breakpoints.down("sm"), { noSsr: true });

/**
 * On a phone, wide tables and rows of tabs scroll sideways inside their own
 * box rather than widening the page: inline-size containment keeps their
 * content out of every ancestor's minimum width.
 */
export const scrollWideParts = {
  "& .MuiTable-root": {
    display: { xs: "block", sm: "table" },
    overflowX: { xs: "auto", sm: "visible" },
    contain: { xs: "inline-size", sm: "none" },
  },
  // Rows stay one line each and scroll, rather than squeezing every column to a character's width.
  "& .MuiTableCell-root": { whiteSpace: { xs: "nowrap", sm: "normal" } },
  "& .MuiTabs-root": { contain: { xs: "inline-size", sm: "none" } },
};

/** A dialog that fills the screen on a phone, its tables scrolling inside it. */
export function SmallScreenDialog(props: DialogProps) {
  const small = useSmallScreen();
  return <Dialog fullScreen={small} sx={scrollWideParts} {...props} />;
}

/**
 * A button that keeps its label on every screen (react-admin's Button shows
 * only its icon on a phone, leaving the till's actions unlabelled).
 */
export function LabelledButton({ label, icon, sx, ...props }: { label: string; icon?: ReactNode } & ButtonProps) {
  const translate = useTranslate();
  return (
    <Button
      size="small"
      startIcon={icon}
      {...props}
      sx={[{ "&.MuiButton-sizeSmall": { lineHeight: 1.5 } }, ...(Array.isArray(sx) ? sx : [sx])]}
    >
      {translate(label, { _: label })}
    </Button>
  );
}
