/**
 * The member card: a short code people can read aloud, and a QR payload with a
 * check character so a misread scan is refused instead of finding someone else.
 */
import { ValidationError } from "./errors.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PREFIX = "RGM1:";

/** Member codes: 10 readable characters (≈50 bits), so they cannot be guessed. */
export const MEMBER_CODE_LENGTH = 10;

function checkCharacter(code: string): string {
  let sum = 0;
  for (let i = 0; i < code.length; i++) sum += (ALPHABET.indexOf(code[i]) + 1) * (i + 2);
  return ALPHABET[sum % 31];
}

/** Normalise a typed code: upper case, no spaces or dashes; I, L → 1 and O → 0 as Crockford reads them. */
export function normaliseMemberCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
}

/** The QR payload for a member code. */
export function cardPayload(code: string): string {
  return `${PREFIX}${code}${checkCharacter(code)}`;
}

/** A member code from what a till scanned or a clerk typed: a card payload or a bare code. */
export function codeFromScan(input: string): string {
  const text = input.trim();
  if (text.toUpperCase().startsWith(PREFIX)) {
    const body = text.slice(PREFIX.length).toUpperCase();
    const code = body.slice(0, -1);
    if (!/^[0-9A-HJKMNP-TV-Z]{6,16}$/.test(code) || checkCharacter(code) !== body.slice(-1)) {
      throw new ValidationError("code", "The scanned card code is damaged; scan again or type the code");
    }
    return code;
  }
  const code = normaliseMemberCode(text);
  if (!/^[0-9A-HJKMNP-TV-Z]{6,16}$/.test(code))
    throw new ValidationError("code", "code must be a member code such as 7KQ2M9XH4T");
  return code;
}
