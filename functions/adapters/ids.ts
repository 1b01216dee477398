/** Identifier generation: time-ordered ids and short human-readable codes. */
import { randomBytes, randomInt } from "node:crypto";

export interface Ids {
  /** A new unique, roughly time-ordered id. */
  id(): string;
  /** A short unguessable code from an alphabet without look-alike characters. */
  code(length: number): string;
  /** A random secret, base64url. */
  secret(bytes: number): string;
}

/** Crockford base32 without I, L, O, U: easy to read aloud and type. */
export const READABLE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const cryptoIds: Ids = {
  id() {
    const time = Date.now().toString(36).padStart(9, "0");
    return `${time}${randomBytes(8).toString("hex")}`;
  },
  code(length) {
    let out = "";
    for (let i = 0; i < length; i++) out += READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)];
    return out;
  },
  secret(bytes) {
    return randomBytes(bytes).toString("base64url");
  },
};
