/**
 * A Db whose DynamoDB requests fail on purpose, the ways AWS can fail them.
 *
 * Where the fault is injected (`layer`):
 * - "caller" (default): around `db.client.send`, ABOVE the SDK's own retries
 *   (createDb sets maxAttempts 5). What the application sees once the SDK has
 *   given up: a throttle or a 500 that survived every retry, a response lost
 *   on the last attempt, a transaction cancelled for a conflict. This is the
 *   layer that tests our code: idempotency keys, conditions, transactions.
 * - "wire": an SDK middleware in the deserialize step, BELOW the retry
 *   middleware, on a client of its own. The SDK sees the fault and retries
 *   throttles, 500s and network errors itself, re-sending the request it
 *   already serialised (for TransactWriteItems: the same ClientRequestToken,
 *   so a lost response retried by the SDK is not written twice).
 *
 * Faults: DynamoDB's throttles (ProvisionedThroughputExceededException,
 * ThrottlingException), InternalServerError (500), LostResponse (the request
 * runs, then the connection resets: the write happened, the caller does not
 * know) and TransactionConflict (TransactWriteItems cancelled: another
 * transaction held its first item).
 */
import { inject } from "vitest";
import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { createDb, withSend, type Db } from "../../functions/data/db.js";

export type Fault =
  | "ProvisionedThroughputExceededException"
  | "ThrottlingException"
  | "InternalServerError"
  | "LostResponse"
  | "TransactionConflict";

export interface FaultRule {
  fault: Fault;
  /** Fail the Nth matching request (counting from 1)… */
  at?: number;
  /** …or every matching request from the Nth on (a dead connection, a killed job). */
  from?: number;
  /** With `at`: fail this many in a row from the Nth (default 1). */
  times?: number;
  /** DynamoDB operations that count, e.g. ["TransactWriteItems"]; default every request. */
  operations?: string[];
  layer?: "caller" | "wire";
}

export interface FaultLog {
  /** Requests seen (every attempt at the wire layer), by operation. */
  requests: string[];
  /** How many faults were injected. */
  injected: number;
}

const LIB_TO_OPERATION: Record<string, string> = {
  GetCommand: "GetItem",
  PutCommand: "PutItem",
  UpdateCommand: "UpdateItem",
  DeleteCommand: "DeleteItem",
  QueryCommand: "Query",
  ScanCommand: "Scan",
  BatchGetCommand: "BatchGetItem",
  BatchWriteCommand: "BatchWriteItem",
  TransactWriteCommand: "TransactWriteItems",
  TransactGetCommand: "TransactGetItems",
};

/** The DynamoDB operation of a lib-dynamodb or client-dynamodb command name. */
const operationOf = (commandName: string) => LIB_TO_OPERATION[commandName] ?? commandName.replace(/Command$/, "");

/** The error DynamoDB (or the network) would give for a fault. */
export function faultError(fault: Fault, input?: Record<string, unknown>): Error {
  const $metadata = (httpStatusCode: number) => ({
    httpStatusCode,
    requestId: "injected",
    attempts: 1,
    totalRetryDelay: 0,
  });
  switch (fault) {
    case "ProvisionedThroughputExceededException":
      return new ProvisionedThroughputExceededException({
        message: "The level of configured provisioned throughput for the table was exceeded (injected)",
        $metadata: $metadata(400),
      });
    case "ThrottlingException":
      return new ThrottlingException({
        message: "Throughput exceeds the current capacity for one or more global secondary indexes (injected)",
        $metadata: $metadata(400),
      });
    case "InternalServerError":
      return new InternalServerError({ message: "Internal server error (injected)", $metadata: $metadata(500) });
    case "TransactionConflict": {
      const count = (input?.TransactItems as unknown[] | undefined)?.length ?? 1;
      return new TransactionCanceledException({
        message:
          "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict] (injected)",
        CancellationReasons: Array.from({ length: count }, (_, i) =>
          i === 0 ? { Code: "TransactionConflict", Message: "Transaction is ongoing for the item" } : { Code: "None" },
        ),
        $metadata: $metadata(400),
      });
    }
    case "LostResponse":
      // What Node's HTTP stack gives when the connection drops before the answer: no HTTP status.
      return Object.assign(
        new Error("socket hang up (injected: the request reached DynamoDB, its response was lost)"),
        { code: "ECONNRESET", $metadata: {} },
      );
  }
}

/** Decides, request by request, whether this one fails. */
function schedule(rule: FaultRule, log: FaultLog) {
  let seen = 0;
  return (operation: string): boolean => {
    log.requests.push(operation);
    if (rule.operations && !rule.operations.includes(operation)) return false;
    seen++;
    const hit =
      rule.from !== undefined
        ? seen >= rule.from
        : rule.at !== undefined && seen >= rule.at && seen < rule.at + (rule.times ?? 1);
    if (hit) log.injected++;
    return hit;
  };
}

/** A copy of `db` whose requests fail as the rule says, and a log of what happened. */
export function faulty(db: Db, rule: FaultRule): { db: Db; log: FaultLog } {
  const log: FaultLog = { requests: [], injected: 0 };
  const fails = schedule(rule, log);
  if (rule.layer === "wire") {
    // A client of its own, so the middleware never touches the shared one.
    const fresh = createDb({ endpoint: inject("dynamodbEndpoint"), tableName: db.tableName });
    fresh.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!fails(operationOf(String(context.commandName)))) return next(args);
        if (rule.fault !== "LostResponse")
          throw faultError(rule.fault, (args as { input?: Record<string, unknown> }).input);
        await next(args);
        throw faultError("LostResponse");
      },
      { step: "deserialize", name: "injectFault" },
    );
    return { db: fresh, log };
  }
  const failing = withSend(db, async (command, call) => {
    if (!fails(operationOf(command.constructor.name))) return call();
    if (rule.fault !== "LostResponse") throw faultError(rule.fault, command.input);
    await call();
    throw faultError("LostResponse");
  });
  return { db: failing, log };
}
