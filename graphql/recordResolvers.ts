/** The resolvers of a declared resource (functions/core/resource.ts): the four operations, and `id`. */
import { recordService } from "../functions/app/records.js";
import type { RecordBase, Resource } from "../functions/core/resource.js";
import { connection } from "./connection.js";
import type { Context } from "./context.js";
import type { Resolvers } from "./generated/types.js";
import { orNull } from "./orNull.js";

type Args = { first?: number | null; after?: string | null; id: string; input: unknown };
type Resolve = (parent: unknown, args: Args, context: Context) => unknown;

export function recordResolvers<T extends RecordBase, I>(resource: Resource<string, T, I>): Resolvers {
  const service = recordService(resource);
  const { list, one, create, update } = resource.operations;
  const query: Record<string, Resolve> = {
    [list]: async (_, args, { caller, deps }) => connection(await service.list(deps, caller, args.first, args.after)),
    [one]: (_, args, { caller, deps }) => orNull(service.get(deps, caller, args.id)),
  };
  const mutation: Record<string, Resolve> = {
    // The schema's input type is the declaration's input shape.
    [create]: (_, args, { caller, deps }) => service.create(deps, caller, args.input as I),
    [update]: (_, args, { caller, deps }) => service.update(deps, caller, args.id, args.input as I),
  };
  const type = { id: (record: T) => record[resource.id as keyof T] };
  return { [resource.type]: type, Query: query, Mutation: mutation } as Resolvers;
}
