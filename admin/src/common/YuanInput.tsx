/** A money input: yuan on screen, integer fen in the form (see fen.ts). */
import { InputAdornment } from "@mui/material";
import { NumberInput, type NumberInputProps } from "react-admin";
import { fenToYuanText, yuanToFen } from "./fen";

export function YuanInput(props: Omit<NumberInputProps, "format" | "parse" | "step">) {
  return (
    <NumberInput
      fullWidth={false}
      sx={{ width: 260 }}
      {...props}
      format={fenToYuanText}
      parse={yuanToFen}
      step={0.01}
      slotProps={{ input: { startAdornment: <InputAdornment position="start">¥</InputAdornment> } }}
    />
  );
}
