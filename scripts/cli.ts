/**
 * What the operator CLIs share: dependencies from the environment (DynamoDB
 * Local by default; TABLE_NAME + USER_POOL_ID for AWS) and the caller they act as.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { systemClock } from "../functions/adapters/clock.js";
import { cognitoIdentity } from "../functions/adapters/identity/cognito.js";
import { localIdentity } from "../functions/adapters/identity/local.js";
import { cryptoIds } from "../functions/adapters/ids.js";
import type { Deps } from "../functions/app/deps.js";
import type { Caller } from "../functions/core/access.js";
import { DomainError } from "../functions/core/errors.js";
import { createDb } from "../functions/data/db.js";
import { getMerchant } from "../functions/data/merchants.js";
import { table } from "../functions/data/table.js";
import { localDynamoDbPort } from "./local/dynamodb.js";

/** As `npm start`: DYNAMODB_ENDPOINT, else DynamoDB Local on DYNAMODB_PORT (8000); AWS's own with USER_POOL_ID. */
export function cliDeps(): Deps {
  const userPoolId = process.env.USER_POOL_ID;
  const endpoint =
    process.env.DYNAMODB_ENDPOINT || (userPoolId ? undefined : `http://localhost:${localDynamoDbPort()}`);
  const db = createDb({ endpoint, tableName: process.env.TABLE_NAME || table.defaultName });
  return {
    db,
    clock: systemClock,
    ids: cryptoIds,
    identity: userPoolId ? cognitoIdentity(userPoolId) : localIdentity(db),
  };
}

/** The platform operator running a CLI. */
export const cliOperator: Caller = { kind: "operator", subject: `cli:${process.env.USER ?? "operator"}` };

/** Act inside a merchant with an owner's powers, audited as the CLI user. */
export async function cliOwner(
  deps: Deps,
  merchantId: string | undefined,
): Promise<Extract<Caller, { kind: "staff" }>> {
  if (!merchantId)
    throw new DomainError("BAD_USER_INPUT", "--merchant <id> is required (npm run merchant -- list shows them)");
  if (!(await getMerchant(deps.db, merchantId))) throw new DomainError("NOT_FOUND", `No merchant ${merchantId}`);
  const who = `cli:${process.env.USER ?? "operator"}`;
  return { kind: "staff", merchantId, staffId: who, username: who, role: "owner", storeIds: [] };
}

/** Run a CLI's main, printing domain errors as "CODE: message" (exit 1). */
export function runCli(main: () => Promise<void>) {
  main().catch((error) => {
    if (error instanceof DomainError) console.error(`${error.kind}: ${error.message}`);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
