/**
 * Export members to CSV on standard output, optionally filtered:
 *   npm run export -- --merchant <id> [--store id] [--guide staffId] [--tag 标签] [--name 王]
 *     [--from YYYY-MM-DD] [--to YYYY-MM-DD] > members.csv
 * Reads page by page through the same search the API uses (keys and indexes, never a Scan).
 */
import { parseArgs } from "node:util";
import { searchMembers } from "../functions/app/members.js";
import { csvField } from "../functions/core/csv.js";
import { EXPORT_HEADER, memberCsvRow } from "../functions/core/member-export.js";
import { getMerchant } from "../functions/data/merchants.js";
import { collectPages } from "../functions/data/query.js";
import { getStaff } from "../functions/data/staff.js";
import { listStores } from "../functions/data/stores.js";
import { cliDeps, cliOwner, runCli } from "./cli.js";

runCli(async () => {
  const { values } = parseArgs({
    options: {
      merchant: { type: "string" },
      store: { type: "string" },
      guide: { type: "string" },
      tag: { type: "string" },
      name: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
    },
  });
  const deps = cliDeps();
  const caller = await cliOwner(deps, values.merchant);
  const merchant = (await getMerchant(deps.db, caller.merchantId))!;
  const stores = new Map(
    (await collectPages((cursor) => listStores(deps.db, caller.merchantId, 100, cursor))).map((store) => [
      store.id,
      store.name,
    ]),
  );
  const guides = new Map<string, string>();
  const filter = {
    storeId: values.store,
    guideId: values.guide,
    tag: values.tag,
    name: values.name,
    joinedFrom: values.from,
    joinedTo: values.to,
  };
  const write = (row: unknown[]) => process.stdout.write(row.map(csvField).join(",") + "\r\n");
  process.stdout.write("\ufeff");
  write(EXPORT_HEADER);
  let after: string | null = null;
  let count = 0;
  do {
    const page = await searchMembers(deps, caller, filter, 100, after);
    for (const member of page.items) {
      if (member.guideId && !guides.has(member.guideId))
        guides.set(
          member.guideId,
          (await getStaff(deps.db, caller.merchantId, member.guideId))?.name ?? member.guideId,
        );
      write(memberCsvRow(member, { store: (id) => stores.get(id), guide: (id) => guides.get(id) }, merchant.timeZone));
      count++;
    }
    after = page.next;
  } while (after);
  console.error(`${count} members exported`);
});
