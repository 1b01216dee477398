/** Phone numbers are stored in E.164; Chinese mobiles are the common case. */
import { ValidationError } from "./errors.js";

/**
 * Normalise a phone number to E.164. Accepts a bare Chinese mobile
 * (13800138000), with +86/0086/86 prefixes, spaces, dashes and brackets,
 * or any international number written with a leading +.
 */
export function normalisePhone(input: unknown, field = "phone"): string {
  if (typeof input !== "string" || input.length > 32)
    throw new ValidationError(field, `${field} must be a phone number`);
  const compact = input.trim().replace(/[\s\-().]/g, "");
  let international: string;
  if (/^\+\d+$/.test(compact)) international = compact.slice(1);
  else if (/^00\d+$/.test(compact)) international = compact.slice(2);
  else if (/^1\d{10}$/.test(compact)) international = `86${compact}`;
  else if (/^861\d{10}$/.test(compact)) international = compact;
  else throw new ValidationError(field, `${field} must be a mobile number such as 13800138000 or +8613800138000`);

  if (international.startsWith("86")) {
    if (!/^861[3-9]\d{9}$/.test(international)) {
      throw new ValidationError(field, `${field} is not a valid mainland China mobile number`);
    }
  } else if (!/^[1-9]\d{7,14}$/.test(international)) {
    throw new ValidationError(field, `${field} is not a valid international phone number`);
  }
  return `+${international}`;
}

/** Mask the middle of a phone for roles that need no more: +8613812341234 → 138****1234. */
export function maskPhone(e164: string): string {
  const national = e164.startsWith("+86") ? e164.slice(3) : e164;
  if (national.length < 7) return "****";
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}

/** The last 4 digits of a stored phone (手机尾号): what a till asks a member for. */
export function phoneTail(e164: string): string {
  return e164.slice(-4);
}

/** A searched phone tail: exactly 4 digits. */
export function parsePhoneTail(input: unknown, field = "phoneTail"): string {
  const tail = typeof input === "string" ? input.trim() : "";
  if (!/^\d{4}$/.test(tail))
    throw new ValidationError(field, `${field} must be the last 4 digits of a phone, e.g. 8000`);
  return tail;
}
