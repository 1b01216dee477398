/** Small byte helpers over Web Crypto and TextEncoder: the same in Node ≥ 20 and browsers, no node: imports. */

const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The platform's Web Crypto (globalThis.crypto.subtle), or a clear error where there is none (plain-http pages). */
export function subtle(): SubtleCrypto {
  const found = globalThis.crypto?.subtle;
  if (!found) throw new Error("Web Crypto (crypto.subtle) is not available: use Node 20+ or a secure (https) page");
  return found;
}

/** The SHA-256 of a text as lower-case hex. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await subtle().digest("SHA-256", utf8(text)));
}
