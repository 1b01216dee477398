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
import * as rateRepo from "../data/rateLimit.js";
import type { Deps } from "./deps.js";
import { checkStoreIds, refs } from "./references.js";

const KEY_PATTERN = /^rk_([0-9a-z]{4,32})_([A-Za-z0-9_-]{32,64})$/;

function hashOf(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A per-key request limit: 1–10,000 requests per second, or null for the deployment's default. */
function rateLimitOf(value: number | null | undefined): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 10_000)
    throw new ValidationError(
      "rateLimitPerSecond",
      "rateLimitPerSecond must be a whole number from 1 to 10000 (or null for the default)",
    );
  return value;
}

export async function createApiKey(
  deps: Deps,
  caller: Caller,
  input: { name: string; storeId?: string | null; rateLimitPerSecond?: number | null },
) {
  const owner = requireStaff(caller, ["owner"]);
  const name = requiredText("name", input.name, 60);
  const rateLimitPerSecond = rateLimitOf(input.rateLimitPerSecond);
  const storeId = optionalText("storeId", input.storeId, 40);
  await checkStoreIds(deps, owner, refs("storeId", storeId));
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
    ...(rateLimitPerSecond ? { rateLimitPerSecond } : {}),
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
  await deps.callers?.forgetApiKey(owner.merchantId, id);
  return revoked;
}

/** Owner: set a key's own request limit (requests per second), or clear it with null. */
export async function setApiKeyRateLimit(
  deps: Deps,
  caller: Caller,
  id: string,
  perSecond: number | null | undefined,
): Promise<ApiKey> {
  const owner = requireStaff(caller, ["owner"]);
  const limit = rateLimitOf(perSecond);
  if (!/^[0-9a-f]{16}$/.test(id) || !(await rateRepo.setApiKeyRateLimit(deps.db, owner.merchantId, id, limit)))
    throw new NotFoundError("API key", id);
  await deps.callers?.forgetApiKey(owner.merchantId, id);
  const key = (await repo.listApiKeys(deps.db, owner.merchantId)).find((candidate) => candidate.id === id);
  if (!key) throw new NotFoundError("API key", id);
  return key;
}

/** The caller for a presented key, or undefined when it is malformed, unknown or revoked. */
export async function authenticateApiKey(
  deps: Pick<Deps, "db" | "callers">,
  presented: string,
): Promise<Extract<Caller, { kind: "apiKey" }> | undefined> {
  const match = KEY_PATTERN.exec(presented.trim());
  if (!match) return undefined;
  const hash = hashOf(presented.trim());
  const load = () => readApiKey(deps, match[1], hash);
  return deps.callers ? deps.callers.apiKey(hash, load) : load();
}

async function readApiKey(
  deps: Pick<Deps, "db">,
  merchantId: string,
  hash: string,
): Promise<Extract<Caller, { kind: "apiKey" }> | undefined> {
  const apiKey = await repo.getApiKeyByHash(deps.db, merchantId, hash);
  if (!apiKey || apiKey.revokedAt) return undefined;
  // The key's own request limit, when its owner set one (functions/app/rateLimit.ts).
  return {
    kind: "apiKey",
    merchantId: apiKey.merchantId,
    keyId: apiKey.id,
    name: apiKey.name,
    storeId: apiKey.storeId,
    rateLimitPerSecond: apiKey.rateLimitPerSecond,
  };
}
