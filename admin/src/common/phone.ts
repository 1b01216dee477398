import { normalisePhone } from "../../../functions/core/phone";

/**
 * Phones as Chinese staff read them: a mainland mobile in groups of 3-4-4
 * without the country code (+8613800138000 → 138 0013 8000; masked
 * 138****8000 → 138 **** 8000); other numbers stay as stored.
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const national = phone.replace(/^\+86(?=1)/, "");
  const match = /^(1[\d*]{2})([\d*]{4})(\d{4})$/.exec(national);
  return match ? `${match[1]} ${match[2]} ${match[3]}` : phone;
}

/** Whether text is a phone the API takes: the API's own rule (normalisePhone), run before the form is sent. */
export function isValidPhone(input: string): boolean {
  try {
    normalisePhone(input);
    return true;
  } catch {
    return false;
  }
}
