/**
 * The service of a declared resource (core/resource.ts): every staff member
 * and API key of the merchant reads; the declared editors create and change;
 * the id never changes; a taken id is CONFLICT; concurrent edits retry.
 */
import { requireMerchant, requireStaff, type Caller } from "../core/access.js";
import { ConflictError, NotFoundError } from "../core/errors.js";
import type { Page } from "../core/model.js";
import type { RecordBase, Resource } from "../core/resource.js";
import { lookupId, pageSize } from "../core/validate.js";
import { recordStore } from "../data/records.js";
import type { Deps } from "./deps.js";
import { editWithRetry } from "./movement.js";

export interface RecordService<T extends RecordBase, I> {
  list(deps: Deps, caller: Caller, first?: number | null, after?: string | null): Promise<Page<T>>;
  /** One record of the caller's merchant; NOT_FOUND for an id it does not have (another merchant's included). */
  get(deps: Deps, caller: Caller, id: string): Promise<T>;
  create(deps: Deps, caller: Caller, input: I): Promise<T>;
  update(deps: Deps, caller: Caller, id: string, input: I): Promise<T>;
}

export function recordService<T extends RecordBase, I>(resource: Resource<string, T, I>): RecordService<T, I> {
  const { type, editors } = resource;
  const idOf = (record: T) => String(record[resource.id as keyof T]);
  const store = recordStore<T>(resource.storage, idOf);
  return {
    list: (deps, caller, first, after) =>
      store.list(deps.db, requireMerchant(caller).merchantId, pageSize(first), after),
    async get(deps, caller, id) {
      const found = await store.get(deps.db, requireMerchant(caller).merchantId, lookupId(type, id));
      if (!found) throw new NotFoundError(type, id);
      return found;
    },
    async create(deps, caller, input) {
      const { merchantId } = requireStaff(caller, editors);
      const now = deps.clock.now();
      const record = { ...resource.parse(input, undefined), merchantId, createdAt: now, updatedAt: now } as T;
      if (!(await store.put(deps.db, record)))
        throw new ConflictError(resource.duplicate(idOf(record)), { field: resource.id });
      return record;
    },
    update(deps, caller, id, input) {
      const { merchantId } = requireStaff(caller, editors);
      const wanted = lookupId(type, id);
      return editWithRetry(
        type,
        wanted,
        () => store.get(deps.db, merchantId, wanted, true),
        (current) => ({ ...current, ...resource.parse(input, current), updatedAt: deps.clock.now() }),
        (next, current) => store.put(deps.db, next, current.updatedAt),
      );
    },
  };
}
