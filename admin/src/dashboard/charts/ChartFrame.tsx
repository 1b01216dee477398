/**
 * The SVG every chart draws in: an image with an accessible name (aria-label
 * and <title>), as wide as its container (measured, so text keeps its size on
 * a phone and on a wide screen), its legend below. A chart without data says
 * so instead of drawing empty axes.
 */
import { Box, Typography } from "@mui/material";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { WIDTH } from "./scale";

/** The container's width in px (WIDTH until measured). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(WIDTH);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return undefined;
    const observer = new ResizeObserver(
      ([entry]) => entry && entry.contentRect.width > 0 && setWidth(Math.max(260, Math.round(entry.contentRect.width))),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function ChartFrame({
  title,
  height,
  children,
  empty,
  emptyText,
  legend,
  testId,
}: {
  title: string;
  height: number;
  children: (width: number) => ReactNode;
  empty?: boolean;
  emptyText: string;
  legend?: ReactNode;
  testId?: string;
}) {
  const { ref, width } = useWidth();
  if (empty) {
    return (
      <Box
        data-testid={testId}
        data-empty="true"
        sx={{ minHeight: 120, display: "flex", alignItems: "center", justifyContent: "center" }}
      >
        <Typography variant="body2" color="text.secondary">
          {emptyText}
        </Typography>
      </Box>
    );
  }
  return (
    <Box data-testid={testId} ref={ref}>
      <Box
        component="svg"
        role="img"
        aria-label={title}
        viewBox={`0 0 ${width} ${height}`}
        sx={{
          width: "100%",
          height: "auto",
          display: "block",
          overflow: "visible",
          "& [data-mark]:hover": { opacity: 0.75 },
          "& text": { fontFamily: "inherit" },
        }}
      >
        <title>{title}</title>
        {children(width)}
      </Box>
      {legend}
    </Box>
  );
}
