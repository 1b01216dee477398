/**
 * Operator CLI: onboard and list merchants.
 *   npm run merchant -- create --name 茶香里 --store 静安寺店 --city 上海 --owner alice --owner-name 林晓岚 --password '…' [--time-zone Asia/Shanghai]
 *   npm run merchant -- list
 * Locally it talks to DynamoDB Local (DYNAMODB_ENDPOINT, default http://localhost:8000).
 * Against AWS set TABLE_NAME and USER_POOL_ID (and no DYNAMODB_ENDPOINT): the owner is created in Cognito.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { parseArgs } from "node:util";
import { systemClock } from "../functions/adapters/clock.js";
import { cognitoIdentity } from "../functions/adapters/identity/cognito.js";
import { localIdentity } from "../functions/adapters/identity/local.js";
import { cryptoIds } from "../functions/adapters/ids.js";
import type { Deps } from "../functions/app/deps.js";
import { listMerchants, onboardMerchant } from "../functions/app/merchants.js";
import type { Caller } from "../functions/core/access.js";
import { DomainError } from "../functions/core/errors.js";
import { createDb } from "../functions/data/db.js";
import { table } from "../functions/data/table.js";

const usage = `usage:
  npm run merchant -- create --name NAME --store STORE --city CITY --owner USERNAME --owner-name NAME --password PASSWORD [--time-zone Asia/Shanghai]
  npm run merchant -- list`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      store: { type: "string" },
      city: { type: "string" },
      owner: { type: "string" },
      "owner-name": { type: "string" },
      password: { type: "string" },
      "time-zone": { type: "string" },
    },
  });
  const userPoolId = process.env.USER_POOL_ID;
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? (userPoolId ? undefined : "http://localhost:8000");
  const db = createDb({ endpoint, tableName: process.env.TABLE_NAME || table.defaultName });
  const deps: Deps = { db, clock: systemClock, ids: cryptoIds, identity: userPoolId ? cognitoIdentity(userPoolId) : localIdentity(db) };
  const operator: Caller = { kind: "operator", subject: `cli:${process.env.USER ?? "operator"}` };

  if (command === "create") {
    const result = await onboardMerchant(deps, operator, {
      name: values.name ?? "",
      timeZone: values["time-zone"],
      firstStore: { name: values.store, city: values.city },
      owner: { username: values.owner ?? "", name: values["owner-name"] ?? values.owner ?? "", password: values.password ?? "" },
    });
    console.log(JSON.stringify({ merchantId: result.merchant.id, storeId: result.store.id, owner: result.owner.username }, null, 2));
  } else if (command === "list") {
    let after: string | null = null;
    do {
      const page = await listMerchants(deps, operator, 100, after);
      for (const merchant of page.items) console.log(`${merchant.id}\t${merchant.timeZone}\t${merchant.name}`);
      after = page.next;
    } while (after);
  } else {
    console.error(usage);
    process.exit(2);
  }
}

main().catch((error) => {
  if (error instanceof DomainError) console.error(`${error.kind}: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
