/**
 * Every argument and input field an operation takes, reached from the schema,
 * and a way to put a value there in an otherwise valid request: the sweeps
 * over hostile values and over references are built on these.
 */
import {
  getNullableType,
  isInputObjectType,
  isListType,
  type ConstDirectiveNode,
  type GraphQLInputType,
} from "graphql";
import { valueOf, type Operation } from "./operations.js";

export type Step = string | number;

export interface Target {
  /** Argument name, then field names and list indexes (`input.lines.0.sku`). */
  path: Step[];
  /** The type of the value at each step of the path (the argument's, then each field's or item's). */
  steps: GraphQLInputType[];
  type: GraphQLInputType;
  /** The field's own name (`sku`); for a list item, the list's. */
  name: string;
  /** Constraint directives written on it, with their literal arguments. */
  rules: Record<string, Record<string, number>>;
}

function directivesOf(node: { directives?: readonly ConstDirectiveNode[] } | null | undefined) {
  const rules: Record<string, Record<string, number>> = {};
  for (const directive of node?.directives ?? []) {
    rules[directive.name.value] = Object.fromEntries(
      (directive.arguments ?? []).map((arg) => [arg.name.value, Number((arg.value as { value?: string }).value)]),
    );
  }
  return rules;
}

/** Every argument and input field of an operation (lists through their first item), each input type once per path. */
export function targets(op: Operation): Target[] {
  const found: Target[] = [];
  type Node = Parameters<typeof directivesOf>[0];
  const walk = (
    path: Step[],
    steps: GraphQLInputType[],
    name: string,
    type: GraphQLInputType,
    node: Node,
    seen: Set<string>,
  ) => {
    const rules = directivesOf(node);
    found.push({ path, steps: [...steps, type], type, name, rules });
    const nullable = getNullableType(type);
    const list = isListType(nullable);
    const inner = list ? getNullableType(nullable.ofType) : nullable;
    const itemPath = list ? [...path, 0] : path;
    const itemSteps = list ? [...steps, type, nullable.ofType] : [...steps, type];
    if (list && !isInputObjectType(inner))
      found.push({ path: itemPath, steps: itemSteps, type: nullable.ofType, name, rules });
    if (isInputObjectType(inner) && !seen.has(inner.name)) {
      for (const field of Object.values(inner.getFields()))
        walk(
          [...itemPath, field.name],
          itemSteps,
          field.name,
          field.type,
          field.astNode,
          new Set([...seen, inner.name]),
        );
    }
  };
  for (const arg of op.field.args) walk([arg.name], [], arg.name, arg.type, arg.astNode, new Set());
  return found;
}

function setPath(value: unknown, path: Step[], steps: GraphQLInputType[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const here = value ?? valueOf(steps[0], String(head));
  if (typeof head === "number") {
    const list = Array.isArray(here) && here.length ? [...here] : [undefined];
    list[0] = setPath(list[0], rest, steps.slice(1), replacement);
    return list;
  }
  const object = { ...(here as Record<string, unknown>) };
  object[head] = setPath(object[head], rest, steps.slice(1), replacement);
  return object;
}

/**
 * A copy of a request's variables with the value at a target replaced. An
 * object or list missing on the way is made valid (its required fields
 * filled), so that the only fault in the request is the value put there.
 */
export function withValueAt(
  variables: Record<string, unknown>,
  target: Target,
  value: unknown,
): Record<string, unknown> {
  const [arg, ...rest] = target.path;
  return { ...variables, [arg]: setPath(variables[arg as string], rest, target.steps, value) };
}
