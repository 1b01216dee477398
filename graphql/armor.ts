/**
 * Limits on the shape of an operation (graphql-armor, which supports Apollo
 * Server 4 and 5): depth, cost, aliases, directives and tokens, plus no field
 * suggestions in error messages. The numbers were measured against every
 * operation the console and the tests send (the console's largest is a
 * getMany of 100 members: one alias per id, depth 4, cost 33,200, 16,906
 * tokens; the deepest is depth 5) and leave headroom above them; a query
 * beyond them is refused before any resolver runs.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from "graphql";

export const LIMITS = {
  /** Field nesting; the console's deepest selection is 5. */
  maxDepth: 8,
  /**
   * graphql-armor's cost (objects 2, scalars 1, ×1.5 per level, × a literal `first`); the console's largest is 33,200.
   */
  maxCost: 50_000,
  /** Aliases per operation; the console's getMany aliases one field per id of a page (≤ 100). */
  maxAliases: 100,
  /** Directives per operation; no client sends any today. */
  maxDirectives: 20,
  /** Lexical tokens per document; the console's largest is 16,906. */
  maxTokens: 20_000,
} as const;

/**
 * A refused rule reports to the validation context (so Apollo answers 400,
 * GRAPHQL_VALIDATION_FAILED) instead of throwing, as graphql-armor's Apollo
 * preset does; the four rule packages are used directly, without the preset,
 * whose max-tokens parser would bring graphql's CommonJS build into the bundle.
 */
const reject = () => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message, { extensions: { code: "BAD_USER_INPUT" } })),
  ],
});

/** Field suggestions ("Did you mean …") would describe the schema to a caller who may not read it. */
const SUGGESTION = /Did you mean ".+"/g;
const hideSuggestions: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors)
          (error as { message: string }).message = error.message.replace(SUGGESTION, "[Suggestion hidden]");
      },
    };
  },
};

/** Apollo plugins and validation rules that enforce LIMITS. */
export function armor(): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  return {
    plugins: [hideSuggestions, maxTokensPlugin],
    validationRules: [
      costLimitRule({ maxCost: LIMITS.maxCost, ...reject() }),
      maxAliasesRule({ n: LIMITS.maxAliases, ...reject() }),
      maxDirectivesRule({ n: LIMITS.maxDirectives, ...reject() }),
      maxDepthRule({ n: LIMITS.maxDepth, ...reject() }),
    ],
  };
}

/**
 * Refuse a document with more than LIMITS.maxTokens tokens before it is parsed.
 * A document that does not lex is left to the parser (GRAPHQL_PARSE_FAILED).
 */
class TokenLimitError extends GraphQLError {}

const maxTokensPlugin: ApolloServerPlugin = {
  // Apollo treats an error thrown by a hook as unexpected; rethrowing it here makes it the answer.
  async unexpectedErrorProcessingRequest({ error }) {
    if (error instanceof TokenLimitError) throw error;
  },
  async requestDidStart() {
    return {
      async parsingDidStart({ source }) {
        if (source === undefined) return;
        const lexer = new Lexer(new Source(source));
        let tokens = 0;
        try {
          while (lexer.advance().kind !== TokenKind.EOF && tokens <= LIMITS.maxTokens) tokens++;
        } catch {
          return;
        }
        if (tokens > LIMITS.maxTokens) {
          throw new TokenLimitError(`Token limit of ${LIMITS.maxTokens} exceeded.`, {
            extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
          });
        }
      },
    };
  },
};
