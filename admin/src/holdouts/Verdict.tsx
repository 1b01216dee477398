/** What holdout results can say so far, in words: a chip, and the sentence that explains it. */
import { Chip, type ChipProps } from "@mui/material";
import { useTranslate } from "react-admin";
import type { Verdict } from "./api";
import { programLabel } from "./format";

const H = "resources.holdouts";

const COLOR: Record<Verdict, ChipProps["color"]> = {
  TOO_FEW: "default",
  UNCLEAR: "default",
  POSITIVE: "success",
  NEGATIVE: "error",
};

export function VerdictChip({ verdict }: { verdict: Verdict }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={COLOR[verdict]}
      label={translate(`${H}.verdict.${verdict}`)}
      title={translate(`${H}.verdict_detail.${verdict}`)}
      data-testid="holdout-verdict"
      data-verdict={verdict}
    />
  );
}

/** A program's name: 唤醒 30 天, 生日关怀, 券到期提醒. */
export function useProgramName() {
  const translate = useTranslate();
  return (program: string) => {
    const { key, days } = programLabel(program);
    return translate(`${H}.programs.${key}`, { days, _: program });
  };
}
