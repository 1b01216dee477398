/** Per-request context: who calls, and the dependencies resolvers hand to the services. */
import type { Deps } from "../functions/app/deps.js";
import type { AccountView } from "../functions/app/loyalty/account.js";
import type { Caller } from "../functions/core/access.js";
import type { Staff, Store } from "../functions/core/model.js";

export interface Context {
  caller: Caller;
  deps: Deps;
  requestId: string;
  /** Per-request memo of stores, so a member list resolves each home store once. */
  storeLoader: (id: string) => Promise<Store | undefined>;
  /** Per-request memo of staff, so a member list resolves each guide once. */
  staffLoader: (id: string) => Promise<Staff | undefined>;
  /** Per-request batch of account views: a member list's rows read their accounts in one request. */
  accountLoader: (memberId: string) => Promise<AccountView | undefined>;
}
