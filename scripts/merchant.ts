/**
 * Operator CLI: onboard and list merchants.
 *   npm run merchant -- create --name 茶香里 --store 静安寺店 --city 上海 --owner alice --owner-name 林晓岚 \
 *     --password '…' [--time-zone Asia/Shanghai]
 *   npm run merchant -- list
 *   npm run merchant -- backfill-phone-tails [--merchant ID]   (手机尾号 items for members enrolled before them)
 *   npm run merchant -- backfill-contact-copies [--merchant ID]   (the daily jobs' copies of each member's contact)
 * Locally it talks to DynamoDB Local (DYNAMODB_ENDPOINT, default http://localhost:8000).
 * Against AWS set TABLE_NAME and USER_POOL_ID (and no DYNAMODB_ENDPOINT): the owner is created in Cognito.
 */
import { parseArgs } from "node:util";
import { listMerchants, onboardMerchant } from "../functions/app/merchants.js";
import { backfillContactCopies, backfillPhoneTails } from "../functions/data/members.js";
import { cliDeps, cliOperator, runCli } from "./cli.js";

const usage = `usage:
  npm run merchant -- create --name NAME --store STORE --city CITY --owner USERNAME --owner-name NAME \\
    --password PASSWORD [--time-zone Asia/Shanghai]
  npm run merchant -- list
  npm run merchant -- backfill-phone-tails [--merchant ID]
  npm run merchant -- backfill-contact-copies [--merchant ID]`;

/** The backfills for tables written before an item existed, each answering what it did for one merchant. */
const BACKFILLS: Record<string, (deps: ReturnType<typeof cliDeps>, merchantId: string) => Promise<string>> = {
  "backfill-phone-tails": async (deps, merchantId) => {
    const { written, skipped } = await backfillPhoneTails(deps.db, merchantId);
    return `${written} phone-tail items written\t${skipped} members changed meanwhile (skipped)`;
  },
  "backfill-contact-copies": async (deps, merchantId) => {
    const { written, current, skipped } = await backfillContactCopies(deps.db, merchantId);
    const counts = `${written} members' copies written\t${current} already current`;
    return `${counts}\t${skipped} members changed meanwhile (skipped)`;
  },
};

runCli(async () => {
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
      merchant: { type: "string" },
    },
  });
  const deps = cliDeps();
  if (command === "create") {
    const result = await onboardMerchant(deps, cliOperator, {
      name: values.name ?? "",
      timeZone: values["time-zone"],
      firstStore: { name: values.store, city: values.city },
      owner: {
        username: values.owner ?? "",
        name: values["owner-name"] ?? values.owner ?? "",
        password: values.password ?? "",
      },
    });
    console.log(
      JSON.stringify(
        { merchantId: result.merchant.id, storeId: result.store.id, owner: result.owner.username },
        null,
        2,
      ),
    );
  } else if (command === "list") {
    let after: string | null = null;
    do {
      const page = await listMerchants(deps, cliOperator, 100, after);
      for (const merchant of page.items) console.log(`${merchant.id}\t${merchant.timeZone}\t${merchant.name}`);
      after = page.next;
    } while (after);
  } else if (command && Object.hasOwn(BACKFILLS, command)) {
    const ids = values.merchant ? [values.merchant] : await merchantIds(deps);
    for (const merchantId of ids) console.log(`${merchantId}\t${await BACKFILLS[command](deps, merchantId)}`);
  } else {
    console.error(usage);
    process.exit(2);
  }
});

/** Every merchant's id, page by page. */
async function merchantIds(deps: ReturnType<typeof cliDeps>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page = await listMerchants(deps, cliOperator, 100, after);
    ids.push(...page.items.map((merchant) => merchant.id));
    after = page.next;
  } while (after);
  return ids;
}
