/** A Db whose client records each request's name, consumed capacity and items returned. */
import { withSend, type Db } from "../../functions/data/db.js";

export interface Metered {
  request: string;
  capacity: number;
  items: number;
  /** Items written by a TransactWriteItems request. */
  writes?: number;
}

export function metered(db: Db): { db: Db; log: Metered[] } {
  const log: Metered[] = [];
  const counted = withSend(db, async (command, send) => {
    command.input.ReturnConsumedCapacity = "TOTAL";
    type Output = {
      ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
      Items?: unknown[];
      Item?: unknown;
      Responses?: Record<string, unknown[]>;
    };
    const output = ((await send()) ?? {}) as Output;
    const consumed = ([] as { CapacityUnits?: number }[]).concat(output.ConsumedCapacity ?? []);
    const items =
      output.Items?.length ??
      (output.Responses
        ? Object.values(output.Responses).reduce((sum, list) => sum + list.length, 0)
        : output.Item
          ? 1
          : 0);
    const writes = (command.input.TransactItems as unknown[] | undefined)?.length;
    log.push({
      request: command.constructor.name,
      capacity: consumed.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0),
      items,
      ...(writes ? { writes } : {}),
    });
    return output;
  });
  return { db: counted, log };
}
