/**
 * Storefront API keys. The secret is shown once; only its SHA-256 is kept.
 * Format: rk_{merchantId}_{secret}, so a key finds its merchant's partition
 * and costs one GetItem to check.
 */
import { createHash } from "node:crypto";
import { requireStaff, type Caller } from "../core/access.js";
import { NotFoundError, ValidationError } from "../core/errors.js";
import type { ApiKey } from "../core/model.js";
import { optionalText, requiredText } from "../core/validate.js";
import * as repo from "../data/apiKeys.js";
import * as storesRepo from "../data/stores.js";
import type { Deps } from "./deps.js";

const KEY_PATTERN = /^rk_([0-9a-z]{4,32})_([A-Za-z0-9_-]{32,64})$/;

function hashOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function createApiKey(deps: Deps, caller: Caller, input: { name: string; storeId?: string | null }) {
  const owner = requireStaff(caller, ["owner"]);
  const name = requiredText("name", input.name, 60);
  const storeId = optionalText("storeId", input.storeId, 40);
  if (storeId && !(await storesRepo.getStore(deps.db, owner.merchantId, storeId))) {
    throw new ValidationError("storeId", `Store ${storeId} does not exist`);
  }
  const secret = `rk_${owner.merchantId}_${deps.ids.secret(32)}`;
  const hash = hashOf(secret);
  const apiKey: ApiKey = {
    id: hash.slice(0, 16),
    merchantId: owner.merchantId,
    name,
    storeId,
    prefix: secret.slice(0, owner.merchantId.length + 8),
    createdAt: deps.clock.now(),
    createdBy: owner.staffId,
  };
  await repo.putApiKey(deps.db, apiKey, hash);
  return { apiKey, secret };
}

export async function listApiKeys(deps: Deps, caller: Caller): Promise<ApiKey[]> {
  const owner = requireStaff(caller, ["owner"]);
  return repo.listApiKeys(deps.db, owner.merchantId);
}

export async function revokeApiKey(deps: Deps, caller: Caller, id: string): Promise<ApiKey> {
  const owner = requireStaff(caller, ["owner"]);
  if (!/^[0-9a-f]{16}$/.test(id)) throw new NotFoundError("API key", id);
  const revoked = await repo.revokeApiKey(deps.db, owner.merchantId, id, deps.clock.now());
  if (!revoked) throw new NotFoundError("API key", id);
  return revoked;
}

/** The caller for a presented key, or undefined when it is malformed, unknown or revoked. */
export async function authenticateApiKey(deps: Pick<Deps, "db">, presented: string): Promise<Extract<Caller, { kind: "apiKey" }> | undefined> {
  const match = KEY_PATTERN.exec(presented.trim());
  if (!match) return undefined;
  const apiKey = await repo.getApiKeyByHash(deps.db, match[1], hashOf(presented.trim()));
  if (!apiKey || apiKey.revokedAt) return undefined;
  return { kind: "apiKey", merchantId: apiKey.merchantId, keyId: apiKey.id, name: apiKey.name, storeId: apiKey.storeId };
}
