/**
 * SMS templates as a shop owner reads and writes them: each variable is a word in the locale's brackets (【会员姓名】,
 * [Member name]) that the console turns into the API's placeholder ({name}) and back. The API and the jobs only ever
 * see {name}; the words come from the translation (resources.automations.template.tokens).
 *
 * The rule: a token is exactly a variable's word in its brackets; any other bracketed text — the merchant's
 * signature (【茶香里】) or a heading such as 【限时】 — is sent as written. The words are names of variables, not
 * brands, so they do not pass for a signature (the signature is put in front by the API anyway).
 */
import { TEMPLATE_VARIABLES } from "../../../functions/core/messaging/sms";

export type Variable = (typeof TEMPLATE_VARIABLES)[number];

/** The token each variable shows as in one locale, e.g. { name: "【会员姓名】", … }. */
export type Tokens = Record<Variable, string>;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The template as the owner reads it: each known {variable} as its token; unknown {words} stay as they are. */
export function formatTemplate(body: string, tokens: Tokens): string {
  return body.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(tokens, name) ? tokens[name as Variable] : placeholder,
  );
}

/** The template as the API takes it: each token (typed or inserted) as its {variable}; everything else as written. */
export function parseTemplate(text: string, tokens: Tokens): string {
  const byToken = new Map(Object.entries(tokens).map(([name, token]) => [token, `{${name}}`]));
  // Longest first, so a token that begins another never takes its place.
  const alternatives = [...byToken.keys()].sort((a, b) => b.length - a.length).map(escape);
  return text.replace(new RegExp(alternatives.join("|"), "g"), (token) => byToken.get(token)!);
}

/**
 * Bracketed text in the tokens' brackets that is not a token (nor the signature): sent to members as written, so the
 * editor points it out (【会员名】 is probably meant to be 【会员姓名】).
 */
export function strayTokens(text: string, tokens: Tokens, signature = ""): string[] {
  const [open, close] = [tokens.name.at(0)!, tokens.name.at(-1)!];
  const known = new Set([...Object.values(tokens), signature]);
  const spans = text.match(new RegExp(`${escape(open)}[^${escape(open)}${escape(close)}\\n]*${escape(close)}`, "g"));
  return [...new Set(spans ?? [])].filter((span) => !known.has(span));
}

/**
 * Put a token in place of the selection start..end of the text as shown; where the caret goes after it. Works on the
 * text as shown (tokens), so positions are the ones the owner sees.
 */
export function insertToken(shown: string, token: string, start: number, end: number) {
  const [from, to] = [Math.max(0, Math.min(start, end, shown.length)), Math.min(Math.max(start, end), shown.length)];
  return { text: shown.slice(0, from) + token + shown.slice(to), caret: from + token.length };
}
