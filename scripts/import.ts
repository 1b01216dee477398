/**
 * Import members from a CSV file (UTF-8, UTF-16 or GBK; Chinese or English headers):
 *   npm run import -- members.csv --merchant <id> [--store <default store id>] [--errors errors.csv]
 * Every row is validated; good rows are enrolled (idempotent by phone: running the
 * same file again creates nothing new); bad rows go to the error report (row, column, reason).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { importMembers, MAX_ROWS_PER_CALL, type ImportReport } from "../functions/app/memberImport.js";
import { decodeCsv, parseCsv, toCsv } from "../functions/core/csv.js";
import { mapHeader } from "../functions/core/member-import.js";
import { cliDeps, cliOwner, runCli } from "./cli.js";

function progressLine(
  done: number,
  total: number,
  started: number,
  report: Omit<ImportReport, "errors" | "ignoredColumns">,
) {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  const rate = Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
  return (
    `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` +
    `${String(Math.round((done / Math.max(total, 1)) * 100)).padStart(3)}% ` +
    `${done}/${total} rows  ${rate} rows/s  created ${report.created}  existing ` +
    `${report.existing}  failed ${report.failed}`
  );
}

/**
 * Imports the rows in chunks, a progress line on stderr as they go (every 2 s when not a terminal); the totals, and
 * when it started.
 */
async function importRows(
  deps: ReturnType<typeof cliDeps>,
  caller: Awaited<ReturnType<typeof cliOwner>>,
  { header, rows, defaultStoreId }: { header: string[]; rows: string[][]; defaultStoreId: string | undefined },
  ignored: string[],
) {
  const total: ImportReport = {
    rows: rows.length,
    created: 0,
    existing: 0,
    failed: 0,
    errors: [],
    ignoredColumns: ignored,
  };
  const started = Date.now();
  let done = 0;
  const tty = process.stderr.isTTY;
  let lastPrinted = 0;
  const print = (final = false) => {
    if (!tty && !final && Date.now() - lastPrinted < 2000) return;
    lastPrinted = Date.now();
    const line = progressLine(done, rows.length, started, total);
    process.stderr.write(tty ? `\r${line}${final ? "\n" : ""}` : `${line}\n`);
  };
  for (let offset = 0; offset < rows.length; offset += MAX_ROWS_PER_CALL) {
    const chunk = rows.slice(offset, offset + MAX_ROWS_PER_CALL);
    const before = { created: total.created, existing: total.existing, failed: total.failed };
    const report = await importMembers(
      deps,
      caller,
      { header, rows: chunk, firstRow: offset + 2, defaultStoreId },
      () => {
        done++;
        print();
      },
    );
    Object.assign(total, {
      created: before.created + report.created,
      existing: before.existing + report.existing,
      failed: before.failed + report.failed,
    });
    total.errors.push(...report.errors);
  }
  print(true);
  return { total, started };
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { merchant: { type: "string" }, store: { type: "string" }, errors: { type: "string" } },
  });
  const file = positionals[0];
  if (!file)
    throw new Error("usage: npm run import -- members.csv --merchant <id> [--store <id>] [--errors errors.csv]");
  const deps = cliDeps();
  const caller = await cliOwner(deps, values.merchant);
  const { text, encoding } = decodeCsv(readFileSync(file));
  const [header = [], ...rows] = parseCsv(text);
  const { ignored } = mapHeader(header);
  if (ignored.length) console.error(`Ignoring columns: ${ignored.join(", ")}`);
  console.error(`${file}: ${rows.length} rows (${encoding})`);

  const { total, started } = await importRows(deps, caller, { header, rows, defaultStoreId: values.store }, ignored);
  const seconds = (Date.now() - started) / 1000;
  console.error(
    `Done in ${seconds.toFixed(1)} s ` +
      `(${Math.round(rows.length / Math.max(seconds, 0.001))} rows/s): ${total.created} ` +
      `created, ${total.existing} already members, ${total.failed} failed.`,
  );
  if (total.errors.length) {
    const out = values.errors ?? file.replace(/(\.csv)?$/i, ".errors.csv");
    writeFileSync(out, toCsv([["row", "column", "reason"], ...total.errors.map((e) => [e.row, e.column, e.reason])]));
    console.error(`Problems with ${total.failed} rows written to ${out}`);
  }
  console.log(
    JSON.stringify({
      rows: total.rows,
      created: total.created,
      existing: total.existing,
      failed: total.failed,
      seconds,
    }),
  );
});
