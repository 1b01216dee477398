/** A chart's legend: a swatch and a name per series, in HTML so it wraps on narrow screens. */
import { Box, Typography } from "@mui/material";

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** Drawn as a line rather than a block. */
  line?: boolean;
  /** A figure shown after the name (a donut's count and share). */
  detail?: string;
}

export function Legend({ items, label }: { items: LegendItem[]; label: string }) {
  return (
    <Box
      component="ul"
      aria-label={label}
      sx={{ display: "flex", flexWrap: "wrap", gap: 1.5, listStyle: "none", p: 0, m: 0, mt: 1 }}
    >
      {items.map((item) => (
        <Box component="li" key={item.key} sx={{ display: "flex", alignItems: "center", gap: 0.75 }}>
          <Box
            aria-hidden
            sx={{
              width: 14,
              height: item.line ? 3 : 10,
              borderRadius: item.line ? 2 : 0.5,
              bgcolor: item.color,
              flexShrink: 0,
            }}
          />
          <Typography variant="caption">
            {item.label}
            {item.detail ? ` · ${item.detail}` : ""}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
