/**
 * Discounts as Chinese shops write them: 9.5折 is 5 % off, 8折 is 20 % off.
 * The API stores the percentage off (discountPercent); staff type and read 折.
 * No discount is an empty input (不打折), 0 % off.
 */

const round = (value: number) => Math.round(value * 1000) / 1000;

/** 5 (% off) → "9.5"; 0 → "" (no discount). */
export function percentToZhe(percent: unknown): string {
  return typeof percent === "number" && Number.isFinite(percent) && percent > 0
    ? String(round((100 - percent) / 10))
    : "";
}

/** "9.5" (折) → 5 (% off); empty → 0; what is not a number stays as typed, for the form's check to refuse. */
export function zheToPercent(zhe: unknown): unknown {
  if (zhe === "" || zhe === null || zhe === undefined) return 0;
  const value = typeof zhe === "number" ? zhe : Number(zhe);
  return Number.isFinite(value) ? round(100 - value * 10) : zhe;
}

/**
 * A tier discount as staff read it: 9.5折 in Chinese, "5% off" in English (app.tier_discount); empty for none.
 */
export function discountText(
  percent: unknown,
  translate: (key: string, options?: Record<string, unknown>) => string,
): string {
  const zhe = percentToZhe(percent);
  return zhe ? translate("app.tier_discount", { zhe, percent: round(percent as number) }) : "";
}
