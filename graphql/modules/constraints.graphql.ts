/**
 * Constraint directives on arguments and input fields; graphql/constraints.ts
 * enforces them, with the defaults described there, before any resolver runs.
 */
export const typeDefs = /* GraphQL */ `
  "Text longer than 100 characters (max, in characters) or spanning lines (line breaks and tabs allowed)."
  directive @text(max: Int!, lines: Boolean = false) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  "A caller's key or reference (an idempotency key, an order id): 1–64 of letters, digits and . _ : / @ + = -."
  directive @key on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  "A real calendar date, YYYY-MM-DD (years 1900–2199)."
  directive @date on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  "An RFC 3339 instant with a zone (Z or ±hh:mm), from 2000 to 2100."
  directive @instant on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  "A date (YYYY-MM-DD, that local day) or an RFC 3339 instant."
  directive @dateOrInstant on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  "Bounds of a number, inclusive."
  directive @range(min: Float, max: Float) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
  "Most items a list may have."
  directive @size(max: Int!) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
`;
