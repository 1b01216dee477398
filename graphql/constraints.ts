/**
 * The schema's edge: every argument and input field is checked against its
 * type and its constraint directives before any resolver runs, so a service
 * only ever sees ids, text, numbers, dates and lists of sane shape and size.
 *
 * Rules by type, unless a directive (declared in common.graphql.ts) says otherwise:
 * - ID: 1–64 characters of letters, digits and . _ : / @ + = - (no spaces, no '#'); an optional id
 *   given as "" (a form's "none") reaches the service as null.
 * - String: one line of at most 100 characters; `@text(max:, lines:)` allows more or several lines.
 *   Never NUL or other control characters (tab and line breaks only where lines are allowed),
 *   bidi overrides or isolates, byte-order marks, noncharacters or lone surrogates.
 * - `@key`: a caller's idempotency key or reference, checked like an ID.
 * - `@date`: a real calendar date YYYY-MM-DD; `@instant`: RFC 3339 with a zone;
 *   `@dateOrInstant`: either. Years 1900–2199 for dates, instants from 2000 to 2100.
 * - Int: 0–100,000,000 (a million yuan in fen); Float: 0–10,000 with at most 4 decimals;
 *   `@range(min:, max:)` sets other bounds.
 * - Lists: at most 100 items; `@size(max:)` sets another limit. Over the limit is refused, never cut.
 *   A list of text refuses blank items; a list of lists (rows of cells) allows blank cells.
 */
import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLObjectType,
  type ConstDirectiveNode,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { ValidationError } from "../functions/core/errors.js";

export const DEFAULT_TEXT_MAX = 100;
export const DEFAULT_LIST_MAX = 100;
export const DEFAULT_INT_RANGE = { min: 0, max: 100_000_000 };
export const DEFAULT_FLOAT_RANGE = { min: 0, max: 10_000 };
export const FLOAT_DECIMALS = 4;
export const DATE_YEARS = { min: 1900, max: 2199 };
export const INSTANT_WINDOW = { from: "2000-01-01T00:00:00Z", until: "2100-01-01T00:00:00Z" };
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+=-]{0,63}$/;

/** Checks a value and returns it as the service should see it (an empty optional id becomes null). */
type Check = (value: unknown, field: string) => unknown;

/** The directives written on an argument or input field, by name, with their literal arguments. */
function directivesOf(
  node: { directives?: readonly ConstDirectiveNode[] } | null | undefined,
): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const directive of node?.directives ?? []) {
    const args: Record<string, unknown> = {};
    for (const arg of directive.arguments ?? []) {
      const value = arg.value;
      if (value.kind === "IntValue" || value.kind === "FloatValue") args[arg.name.value] = Number(value.value);
      else if (value.kind === "BooleanValue") args[arg.name.value] = value.value;
    }
    found.set(directive.name.value, args);
  }
  return found;
}

/** In a unicode regex a surrogate class matches only halves without their pair. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
const INVISIBLE_OVERRIDES = /[\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/;

/** Text safe to store and show: no control characters, bidi overrides or broken UTF-16. */
export function checkText(value: string, field: string, lines: boolean): void {
  if (LONE_SURROGATE.test(value))
    throw new ValidationError(field, `${field} contains a broken character (a lone surrogate)`);
  if (CONTROL.test(value) || (!lines && LINE_BREAK_OR_TAB.test(value))) {
    throw new ValidationError(field, `${field} must not contain control characters${lines ? "" : " or line breaks"}`);
  }
  if (INVISIBLE_OVERRIDES.test(value))
    throw new ValidationError(field, `${field} must not contain text-direction overrides or byte-order marks`);
}

function checkKey(value: string, field: string, what: string): void {
  const article = /^[AEIOU]/i.test(what) ? "an" : "a";
  if (!ID_PATTERN.test(value)) {
    throw new ValidationError(
      field,
      `${field} must be ${article} ${what} of 1–64 letters, digits or . _ : / @ + = - (no spaces or '#')`,
    );
  }
}

function realDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= DATE_YEARS.min && year <= DATE_YEARS.max && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const RFC3339 =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

function realInstant(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match || !realDate(match[1])) return false;
  const at = Date.parse(value);
  return !Number.isNaN(at) && at >= Date.parse(INSTANT_WINDOW.from) && at < Date.parse(INSTANT_WINDOW.until);
}

function textCheck(rules: Map<string, Record<string, unknown>>, isId: boolean, optional: boolean): Check {
  const text = rules.get("text");
  const max = (text?.max as number | undefined) ?? DEFAULT_TEXT_MAX;
  const lines = text?.lines === true;
  return (value, field) => {
    if (typeof value !== "string") return value;
    // A form's "none" for an optional reference: the same as leaving it out.
    if (value === "" && isId && optional) return null;
    if ([...value].length > max && !isId && !rules.has("key"))
      throw new ValidationError(field, `${field} must be at most ${max} characters`);
    checkText(value, field, lines);
    if (isId || rules.has("key")) checkKey(value, field, isId ? "id" : "key");
    else if (rules.has("date") && !realDate(value))
      throw new ValidationError(field, `${field} must be a real date, YYYY-MM-DD`);
    else if (rules.has("instant") && !realInstant(value)) {
      throw new ValidationError(
        field,
        `${field} must be an RFC 3339 time with a zone between 2000 and 2100, e.g. 2026-12-07T09:30:00+08:00`,
      );
    } else if (rules.has("dateOrInstant") && value !== "" && !realDate(value) && !realInstant(value)) {
      throw new ValidationError(field, `${field} must be a real date (YYYY-MM-DD) or an RFC 3339 time with a zone`);
    }
    return value;
  };
}

function numberCheck(rules: Map<string, Record<string, unknown>>, float: boolean): Check {
  const range = rules.get("range") ?? {};
  const defaults = float ? DEFAULT_FLOAT_RANGE : DEFAULT_INT_RANGE;
  const min = (range.min as number | undefined) ?? defaults.min;
  const max = (range.max as number | undefined) ?? defaults.max;
  return (value, field) => {
    if (typeof value !== "number") return value;
    if (!Number.isFinite(value) || value < min || value > max)
      throw new ValidationError(field, `${field} must be from ${min} to ${max}`);
    const scale = 10 ** FLOAT_DECIMALS;
    if (float && Math.round(value * scale) / scale !== value) {
      throw new ValidationError(field, `${field} may have at most ${FLOAT_DECIMALS} decimal places`);
    }
    return value;
  };
}

/** The check of one value of a type, built once when the schema is made. */
function checkFor(
  type: GraphQLInputType,
  rules: Map<string, Record<string, unknown>>,
  seen: Map<string, Check>,
  cells = false,
): Check {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const max = (rules.get("size")?.max as number | undefined) ?? DEFAULT_LIST_MAX;
    // A blank name in a list (a tag, a category) means nothing; a blank cell in a table (rows of cells) is allowed.
    const rows = isListType(getNullableType(nullable.ofType));
    const item = checkFor(nullable.ofType, rules, seen, rows);
    const blankAllowed = cells;
    return (value, field) => {
      if (!Array.isArray(value)) return item(value, field);
      if (value.length > max) throw new ValidationError(field, `${field} may have at most ${max} items`);
      return value.map((entry, index) => {
        if (typeof entry === "string" && !entry.trim() && !blankAllowed)
          throw new ValidationError(`${field}.${index}`, `${field} must not list an empty value`);
        return item(entry, `${field}.${index}`);
      });
    };
  }
  if (isInputObjectType(nullable)) return objectCheck(nullable.name, nullable.getFields(), seen);
  if (isEnumType(nullable) || !isScalarType(nullable)) return (value) => value;
  if (nullable.name === "ID" || nullable.name === "String")
    return textCheck(rules, nullable.name === "ID", !isNonNullType(type));
  if (nullable.name === "Int" || nullable.name === "Float") return numberCheck(rules, nullable.name === "Float");
  return (value) => value;
}

type Fields = Record<
  string,
  { type: GraphQLInputType; astNode?: { directives?: readonly ConstDirectiveNode[] } | null }
>;

function objectCheck(name: string, fields: Fields, seen: Map<string, Check>): Check {
  const cached = seen.get(name);
  if (cached) return cached;
  const checks: [string, Check][] = [];
  const check: Check = (value, field) => {
    if (!value || typeof value !== "object") return value;
    const checked: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, inner] of checks) {
      const entry = checked[key];
      if (entry !== undefined && entry !== null) checked[key] = inner(entry, field ? `${field}.${key}` : key);
    }
    return checked;
  };
  seen.set(name, check);
  for (const [key, definition] of Object.entries(fields))
    checks.push([key, checkFor(definition.type, directivesOf(definition.astNode), seen)]);
  return check;
}

/**
 * Wraps every field that takes arguments (queries, mutations, a member's
 * ledger page…) so that its arguments are checked first. An
 * argument called `input` names its fields plainly (`lines.0.sku`), others by
 * their own name (`memberIds.3`).
 */
export function withInputConstraints(schema: GraphQLSchema): GraphQLSchema {
  const seen = new Map<string, Check>();
  const objects = Object.values(schema.getTypeMap()).filter(
    (type) => isObjectType(type) && !type.name.startsWith("__"),
  ) as GraphQLObjectType[];
  for (const object of objects) {
    for (const field of Object.values(object.getFields()).filter((candidate) => candidate.args.length > 0)) {
      const checks = field.args.map((arg) => [arg.name, checkFor(arg.type, directivesOf(arg.astNode), seen)] as const);
      const resolve: GraphQLFieldResolver<unknown, unknown> =
        field.resolve ?? ((parent) => (parent as Record<string, unknown>)?.[field.name]);
      field.resolve = (parent, args, context, info) => {
        const checked: Record<string, unknown> = { ...args };
        for (const [name, check] of checks) {
          const value = args[name];
          if (value !== undefined && value !== null) checked[name] = check(value, name === "input" ? "" : name);
        }
        return resolve(parent, checked, context, info);
      };
    }
  }
  return schema;
}
