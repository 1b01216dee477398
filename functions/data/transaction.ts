/**
 * The transaction builder. A change is a list of writes; each write is one
 * transaction item, the name its condition answers to, and what it adds to
 * the dashboard. `commit` turns a change into one TransactWriteItems: the
 * writes in order, then one counter update per (merchant, local day, store)
 * for the dashboard deltas the writes carry, so the figures move exactly
 * when, and only when, the change is written.
 */
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { cancellationCodes, type Db, type TransactItem } from "./db.js";
import { counterItems, type StatsNote } from "./stats.js";

/** One write of a change. */
export interface Write {
  /** What the item's condition protects, named in a refusal ("order", "stock", "coupon:{code}"…). */
  label: string;
  item: TransactItem;
  /** What the write adds to the dashboard's counters, if anything. */
  stats?: StatsNote;
}

export type CommitResult = { written: true } | { written: false; failed: string[]; conflict: boolean };

/** A write with no condition worth naming and nothing for the dashboard. */
export const plain = (item: TransactItem, label = "item"): Write => ({ label, item });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when the only cancellations are conflicts with another transaction: a retry is the cure. */
function conflictOnly(codes: (string | undefined)[] | undefined): boolean {
  return Boolean(
    codes &&
    codes.some((code) => code === "TransactionConflict") &&
    codes.every((code) => code === undefined || code === "TransactionConflict"),
  );
}

/**
 * Run a transaction, retrying when DynamoDB cancels it for a conflicting
 * concurrent transaction on one of its items. Safe because a transaction is
 * all-or-nothing and our conditions make a repeat harmless. The counter
 * updates of `stats` ride along after the items, so cancellation codes keep
 * their positions. Throws the SDK's error on a failed condition.
 */
export async function transact(
  db: Db,
  items: TransactItem[],
  options: { stats?: (StatsNote | undefined)[]; token?: string } = {},
): Promise<void> {
  const notes = (options.stats ?? []).filter((note): note is StatsNote => Boolean(note?.delta.size));
  const all = [...items, ...(await counterItems(db, notes))];
  for (let attempt = 0; ; attempt++) {
    try {
      await db.client.send(new TransactWriteCommand({ TransactItems: all, ClientRequestToken: options.token }));
      return;
    } catch (error) {
      if (!conflictOnly(cancellationCodes(error)) || attempt >= 8) throw error;
      await sleep(10 * 2 ** attempt * Math.random());
    }
  }
}

/**
 * Commit a change. Either every write is made, or nothing is and the answer
 * names the writes whose conditions failed; `conflict` says another
 * transaction held an item (a re-read and retry is the cure).
 */
export async function commit(db: Db, writes: Write[]): Promise<CommitResult> {
  try {
    await transact(
      db,
      writes.map((write) => write.item),
      { stats: writes.map((write) => write.stats) },
    );
    return { written: true };
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const failed = writes.filter((_, i) => codes[i] === "ConditionalCheckFailed").map((write) => write.label);
    const conflict = codes.some((code) => code === "TransactionConflict");
    if (!failed.length && !conflict) throw error;
    return { written: false, failed, conflict };
  }
}
