/**
 * The API's refusals in the console's language. The API explains itself in
 * English for developers; staff read a message chosen by its stable
 * `extensions.code` and, for bad input and conflicts, by `extensions.field`
 * (app.errors in the locale files), with a message per code as the fallback.
 */

export interface RefusalFacts {
  /** extensions.code, e.g. BAD_USER_INPUT. */
  code?: string;
  /** extensions.field, e.g. phone, birthday.day, lines.0.qty. */
  field?: string;
  /** The API's own (English) message. */
  message: string;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const KEY = "app.errors";
/** Codes with a message per field: where under app.errors they are. */
const FIELD_MESSAGES: Record<string, string> = { BAD_USER_INPUT: "fields", CONFLICT: "conflicts" };

/**
 * The names a field path is known by, most specific first: the whole path without indices joined with _,
 * then its last part (birthday.day → birthday_day, day; lines.0.qty → lines_qty, qty).
 */
export function fieldNames(path: string): string[] {
  const parts = path.split(".").filter((part) => !/^\d+$/.test(part));
  const whole = parts.join("_");
  const last = parts[parts.length - 1] ?? path;
  return whole === last ? [last] : [whole, last];
}

/** Each key tried in turn; the first the locale has wins (polyglot answers a missing key with `_`). */
function firstKnown(translate: Translate, keys: string[], options: Record<string, unknown>): string | undefined {
  for (const key of keys) {
    const text = translate(key, { ...options, _: "" });
    if (text) return text;
  }
  return undefined;
}

/** A refusal as staff read it, in the current language. */
export function refusalMessage(refusal: RefusalFacts, translate: Translate): string {
  const code = refusal.code ?? "UNKNOWN";
  const names = refusal.field ? fieldNames(refusal.field) : [];
  const label =
    firstKnown(
      translate,
      names.map((name) => `${KEY}.labels.${name}`),
      {},
    ) ??
    refusal.field ??
    "";
  const options = { field: label, detail: refusal.message };
  const section = FIELD_MESSAGES[code];
  const byField = section ? names.map((name) => `${KEY}.${section}.${name}`) : [];
  const generic = names.length > 0 && code === "BAD_USER_INPUT" ? [`${KEY}.field_generic`] : [];
  return (
    firstKnown(translate, [...byField, ...generic, `${KEY}.codes.${code}`], options) ??
    translate(`${KEY}.codes.UNKNOWN`, options)
  );
}
