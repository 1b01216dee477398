/**
 * Record the DynamoDB commands one call sends, and replay structurally identical
 * sequences straight to DynamoDB: the bench's "direct" baseline.
 *
 * Recording patches the document client's `send` for the whole process (the
 * local server's handler runs in this process), so it records exactly what a
 * GraphQL request sends, authentication included. It also records every id and
 * code the handler generated (`cryptoIds`), so a replay can give each of them a
 * fresh value: a replay rewrites every such token (and the tokens the caller
 * names: member id, order id, coupon code, phone, counter shard…) throughout
 * each command's input, keys and conditions alike, then sends the same command
 * classes in the same order, with the same parallelism, and checks that each
 * one did what it did when recorded (same items found; every write accepted).
 */
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { cryptoIds, READABLE_ALPHABET } from "../../functions/adapters/ids.js";
import { cancellationCodes, type Db } from "../../functions/data/db.js";

type Command = { constructor: { name: string }; input: Record<string, unknown> };
type CommandClass = new (input: Record<string, unknown>) => Command;

export interface RecordedCommand {
  name: string;
  command: CommandClass;
  /** The input as sent, without ReturnConsumedCapacity (which recording adds to measure). */
  input: Record<string, unknown>;
  /** Commands of one stage were in flight together; a stage starts once every earlier command has answered. */
  stage: number;
  /** Items the answer held (Get: 0 or 1; BatchGet, Query: the count). */
  items: number;
  /** Items a TransactWriteItems wrote. */
  writes: number;
  /** Capacity units DynamoDB reported (DynamoDB Local reports them as AWS would count). */
  capacity: number;
}

export interface Recording {
  commands: RecordedCommand[];
  /** Values `cryptoIds` handed out while recording; each replay gives each a fresh one. */
  generated: { value: string; kind: "id" | "code" }[];
}

type Output = {
  ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
  Items?: unknown[];
  Item?: unknown;
  Responses?: Record<string, unknown[]>;
  UnprocessedKeys?: Record<string, unknown>;
  Count?: number;
};

function itemsOf(output: Output): number {
  return (
    output.Items?.length ??
    (output.Responses
      ? Object.values(output.Responses).reduce((sum, list) => sum + list.length, 0)
      : output.Item
        ? 1
        : 0)
  );
}

/** Numbers the commands' stages: a command that starts while others are in flight shares their stage. */
function assignStages(commands: { stage: number; start: number; end: number }[]) {
  let stage = -1;
  let stageEnd = -Infinity;
  for (const entry of commands) {
    if (entry.start >= stageEnd) {
      stage++;
      stageEnd = entry.end;
    } else stageEnd = Math.max(stageEnd, entry.end);
    entry.stage = stage;
  }
}

/**
 * Run `call` (nothing else may use DynamoDB meanwhile) and record every command
 * the process sends to DynamoDB until it settles, with the consumed capacity.
 */
export async function record(call: () => Promise<unknown>): Promise<Recording> {
  const proto = DynamoDBDocumentClient.prototype as unknown as {
    send: (command: Command, ...rest: unknown[]) => Promise<Output>;
  };
  const hadOwn = Object.prototype.hasOwnProperty.call(proto, "send");
  const original = proto.send;
  const commands: (RecordedCommand & { start: number; end: number })[] = [];
  const generated: Recording["generated"] = [];
  const { id, code } = cryptoIds;
  cryptoIds.id = () => {
    const value = id();
    generated.push({ value, kind: "id" });
    return value;
  };
  cryptoIds.code = (length) => {
    const value = code(length);
    generated.push({ value, kind: "code" });
    return value;
  };
  proto.send = async function (this: unknown, command: Command, ...rest: unknown[]) {
    const input = structuredClone(command.input);
    delete input.ReturnConsumedCapacity;
    command.input.ReturnConsumedCapacity = "TOTAL";
    const entry = {
      name: command.constructor.name,
      command: command.constructor as unknown as CommandClass,
      input,
      stage: 0,
      items: 0,
      writes: (input.TransactItems as unknown[] | undefined)?.length ?? 0,
      capacity: 0,
      start: performance.now(),
      end: Infinity,
    };
    commands.push(entry);
    const output = (await original.call(this, command, ...rest)) ?? {};
    entry.end = performance.now();
    entry.items = itemsOf(output);
    entry.capacity = ([] as { CapacityUnits?: number }[])
      .concat(output.ConsumedCapacity ?? [])
      .reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
    return output;
  };
  try {
    await call();
    // Anything the handler sends after answering (advisory writes) belongs to the call too.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    if (hadOwn) proto.send = original;
    else delete (proto as { send?: unknown }).send;
    cryptoIds.id = id;
    cryptoIds.code = code;
  }
  assignStages(commands);
  return { commands: commands.map(({ start: _s, end: _e, ...rest }) => rest), generated };
}

/** A string → string rewrite applied to every string and object key of a value. */
export class Rewrite {
  private readonly pattern: RegExp | undefined;
  constructor(private readonly tokens: Map<string, string>) {
    const escaped = [...tokens.keys()]
      .filter(Boolean)
      .sort((a, b) => b.length - a.length)
      .map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    this.pattern = escaped.length ? new RegExp(escaped.join("|"), "g") : undefined;
  }

  string(value: string): string {
    return this.pattern ? value.replace(this.pattern, (match) => this.tokens.get(match)!) : value;
  }

  value<T>(value: T): T {
    if (typeof value === "string") return this.string(value) as T;
    if (Array.isArray(value)) return value.map((entry) => this.value(entry)) as T;
    if (value instanceof Set) return new Set([...value].map((entry) => this.value(entry))) as T;
    if (value && typeof value === "object" && !(value instanceof Uint8Array)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, entry]) => [this.string(key), this.value(entry)]),
      ) as T;
    }
    return value;
  }
}

/**
 * Tokens giving each value the recording generated a fresh one of the same kind (codes also in lower case, as ids made
 * from codes are).
 */
export function freshGenerated(recording: Recording, tokens = new Map<string, string>()): Map<string, string> {
  for (const { value, kind } of recording.generated) {
    if (tokens.has(value)) continue;
    const fresh = kind === "id" ? cryptoIds.id() : randomCode(value.length);
    tokens.set(value, fresh);
    if (kind === "code") tokens.set(value.toLowerCase(), fresh.toLowerCase());
  }
  return tokens;
}

/** A code of the readable alphabet, like `cryptoIds.code`. */
export function randomCode(length: number) {
  let out = "";
  for (let i = 0; i < length; i++) out += READABLE_ALPHABET[Math.floor(Math.random() * READABLE_ALPHABET.length)];
  return out;
}

export interface ReplayOutcome {
  /** Commands that did not do what they did when recorded (a refused write, a missing item). */
  failures: string[];
  /** Transactions retried after a TransactionConflict, as the data layer's transact() retries them. */
  conflictRetries: number;
}

/**
 * Send the recorded commands again with `rewrite` applied, stage by stage
 * (a stage's commands together), and check each answer against the recording.
 */
export async function replay(db: Db, recording: Recording, rewrite: Rewrite): Promise<ReplayOutcome> {
  const outcome: ReplayOutcome = { failures: [], conflictRetries: 0 };
  const stages: RecordedCommand[][] = [];
  for (const command of recording.commands) (stages[command.stage] ??= []).push(command);
  for (const stage of stages) {
    await Promise.all(
      stage.map(async (recorded) => {
        const input = rewrite.value(recorded.input);
        for (let attempt = 0; ; attempt++) {
          try {
            const output = ((await (db.client.send as (command: Command) => Promise<Output>)(
              new recorded.command(input),
            )) ?? {}) as Output;
            const items = itemsOf(output);
            const unprocessed = output.UnprocessedKeys && Object.keys(output.UnprocessedKeys).length;
            // A Query's count may differ where data grows (a member's orders); a key read must find what it found.
            if (
              unprocessed ||
              (recorded.command !== (QueryCommand as unknown) && items !== recorded.items) ||
              (recorded.command === (QueryCommand as unknown) && recorded.items > 0 && items === 0)
            ) {
              outcome.failures.push(
                `${recorded.name}: ${items} items, recorded ${recorded.items}` +
                  `${unprocessed ? ", unprocessed keys" : ""}`,
              );
            }
            return;
          } catch (error) {
            const codes = cancellationCodes(error);
            // The same retry rule as functions/data/db.ts transact(): conflicts only, up to 8 times, jittered back-off.
            if (
              codes &&
              codes.some((c) => c === "TransactionConflict") &&
              codes.every((c) => c === undefined || c === "TransactionConflict") &&
              attempt < 8
            ) {
              outcome.conflictRetries++;
              await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
              continue;
            }
            outcome.failures.push(
              `${recorded.name}: ${(error as Error).name} ${codes ? JSON.stringify(codes) : (error as Error).message}`,
            );
            return;
          }
        }
      }),
    );
  }
  return outcome;
}

/** The recording summarised: requests by kind, items per transaction, capacity. */
export function summarise(recording: Recording) {
  const byKind: Record<string, number> = {};
  for (const command of recording.commands)
    byKind[command.name.replace(/Command$/, "")] = (byKind[command.name.replace(/Command$/, "")] ?? 0) + 1;
  return {
    requests: recording.commands.length,
    stages: recording.commands.length ? recording.commands[recording.commands.length - 1].stage + 1 : 0,
    byKind,
    transactionItems: recording.commands.filter((c) => c.writes).map((c) => c.writes),
    readCapacity: round(
      recording.commands
        .filter((c) => !c.writes && !/Put|Update|Delete|BatchWrite/.test(c.name))
        .reduce((sum, c) => sum + c.capacity, 0),
    ),
    writeCapacity: round(
      recording.commands
        .filter((c) => c.writes || /Put|Update|Delete|BatchWrite/.test(c.name))
        .reduce((sum, c) => sum + c.capacity, 0),
    ),
    sequence: recording.commands
      .map((c) => `${c.stage}:${c.name.replace(/Command$/, "")}${c.writes ? `(${c.writes})` : ""}`)
      .join(" "),
  };
}

function round(n: number) {
  return Math.round(n * 100) / 100;
}
