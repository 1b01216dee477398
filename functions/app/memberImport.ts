/**
 * Member import: validate every row, enrol the good ones (idempotent by phone,
 * so re-running a file creates nothing new) and report each bad row with its
 * column and reason. The CLI and the console send files through this in chunks.
 */
import { requireStaff, storeScope, type Caller, type MerchantCaller } from "../core/access.js";
import { DomainError, ValidationError } from "../core/errors.js";
import {
  mapHeader,
  parseBirthdayText,
  parseGender,
  parseJoinedText,
  parseYesNo,
  splitTags,
  type HeaderMap,
  type ImportField,
} from "../core/member-import.js";
import { parseBirthday, parseTags, type EnrolmentInput } from "../core/members.js";
import type { Member, Staff, Store } from "../core/model.js";
import { normalisePhone } from "../core/phone.js";
import { localInstant } from "../core/time.js";
import { requiredText } from "../core/validate.js";
import { getMembers, phoneOwners } from "../data/members.js";
import { getMerchant } from "../data/merchants.js";
import { collectPages } from "../data/query.js";
import { listStaff } from "../data/staff.js";
import { listStores } from "../data/stores.js";
import type { Deps } from "./deps.js";
import { registerMember, returnExisting } from "./members.js";
import { checkStoreIds, refs } from "./references.js";

export const MAX_ROWS_PER_CALL = 500;
/** Rows enrolled at once within a chunk. */
const IMPORT_CONCURRENCY = 4;

export interface ImportChunk {
  /** The file's header row. */
  header: string[];
  /** Data rows, as text fields in header order. */
  rows: string[][];
  /** The file row number of rows[0] (the header is row 1, so the first chunk starts at 2). */
  firstRow?: number | null;
  /** Home store for rows without a store column or value. */
  defaultStoreId?: string | null;
}

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export interface ImportReport {
  rows: number;
  created: number;
  existing: number;
  failed: number;
  errors: RowError[];
  ignoredColumns: string[];
}

/** Stores and guides of the merchant, looked up once per chunk rather than once per row. */
async function directory(deps: Deps, merchantId: string) {
  const stores = await collectPages<Store>((cursor) => listStores(deps.db, merchantId, 100, cursor));
  const staff = await collectPages<Staff>((cursor) => listStaff(deps.db, merchantId, 100, cursor));
  const storeBy = new Map<string, Store>();
  for (const store of stores) {
    storeBy.set(store.id, store);
    storeBy.set(store.name.trim().toLowerCase(), store);
  }
  const guideBy = new Map<string, Staff>();
  const names = new Map<string, number>();
  for (const person of staff) names.set(person.name, (names.get(person.name) ?? 0) + 1);
  for (const person of staff.filter((p) => p.status === "active" && p.role !== "owner")) {
    guideBy.set(person.username, person);
    guideBy.set(person.id, person);
    if (names.get(person.name) === 1) guideBy.set(person.name, person);
  }
  return { storeBy, guideBy };
}

/** What every row of a chunk is checked against, read once per chunk. */
interface ChunkContext {
  columns: HeaderMap["columns"];
  timeZone: string;
  storeBy: Map<string, Store>;
  guideBy: Map<string, Staff>;
  scope: string[] | undefined;
  defaultStore: string | undefined;
  now: string;
}

/** A row that passed validation: its enrolment input and the join time it keeps. */
interface ValidRow {
  row: number;
  joinedAt?: string;
  input: EnrolmentInput;
}

/** Check the chunk's size, header, first row and default store, and read what its rows are checked against. */
async function readChunk(deps: Deps, staff: MerchantCaller, chunk: ImportChunk) {
  if (!Array.isArray(chunk.rows) || chunk.rows.length > MAX_ROWS_PER_CALL)
    throw new ValidationError("rows", `Send at most ${MAX_ROWS_PER_CALL} rows per call`);
  const { columns, ignored } = mapHeader(chunk.header ?? []);
  const firstRow = chunk.firstRow ?? 2;
  if (!Number.isInteger(firstRow) || firstRow < 2)
    throw new ValidationError("firstRow", "firstRow must be 2 or more (row 1 is the header)");
  const merchant = await getMerchant(deps.db, staff.merchantId);
  const timeZone = merchant?.timeZone ?? "Asia/Shanghai";
  const { storeBy, guideBy } = await directory(deps, staff.merchantId);
  const scope = storeScope(staff);
  await checkStoreIds(deps, staff, refs("defaultStoreId", chunk.defaultStoreId));
  const defaultStore = chunk.defaultStoreId ?? (scope?.length === 1 ? scope[0] : undefined);
  const now = deps.clock.now();
  const context: ChunkContext = { columns, timeZone, storeBy, guideBy, scope, defaultStore, now };
  return { firstRow, ignored, context };
}

/** A joinedAt cell as an instant (local times in the merchant's zone); none when empty; never in the future. */
function parseJoinedAt(text: string, timeZone: string, now: string): string | undefined {
  const value = parseJoinedText(text);
  if (!value) return undefined;
  const at =
    "iso" in value
      ? value.iso
      : localInstant(value.date, value.time ? Date.parse(`1970-01-01T${value.time}Z`) : 0, timeZone);
  if (at > now) throw new ValidationError("joinedAt", "joinedAt is in the future");
  return at;
}

/** The row's store by id or name (else the default store): open, and one the importer may import into. */
function findStore(context: ChunkContext, wanted: string): Store {
  const { storeBy, defaultStore, scope } = context;
  const found = wanted
    ? (storeBy.get(wanted) ?? storeBy.get(wanted.toLowerCase()))
    : defaultStore
      ? storeBy.get(defaultStore)
      : undefined;
  if (!found)
    throw new ValidationError(
      "store",
      wanted ? `No store is called "${wanted}"` : "The row names no store and no default store was chosen",
    );
  if (found.status !== "open") throw new ValidationError("store", `Store ${found.name} is closed`);
  if (scope && !scope.includes(found.id))
    throw new ValidationError("store", `You may not import into store ${found.name}`);
  return found;
}

/** The row's guide by username, id or unique name (none when empty): active, and working at the row's store. */
function findGuide(context: ChunkContext, wanted: string, store: Store | undefined): Staff | undefined {
  if (!wanted) return undefined;
  const found = context.guideBy.get(wanted);
  if (!found) throw new ValidationError("guide", `No active guide is called "${wanted}"`);
  if (store && !found.storeIds.includes(store.id))
    throw new ValidationError("guide", `${found.name} does not work at ${store.name}`);
  return found;
}

/** A row's cells by field, and a reader that records a field's validation error instead of throwing it. */
function rowReader(columns: HeaderMap["columns"], fields: string[], row: number) {
  const errors: RowError[] = [];
  const cell = (field: ImportField) => (columns[field] === undefined ? "" : (fields[columns[field]!] ?? "").trim());
  const read = <T>(field: ImportField, parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push({ row, column: field, reason: error.message });
      return undefined;
    }
  };
  return { errors, cell, read };
}

/** Validate one row into enrolment input, or give its problems. */
function validateRow(context: ChunkContext, fields: string[], row: number): ValidRow | { errors: RowError[] } {
  const { errors, cell, read } = rowReader(context.columns, fields, row);
  if (fields.some((value) => value.includes("\ufffd")))
    errors.push({
      row,
      column: "*",
      reason: "The row has characters that are not valid text; save the file as UTF-8 or GBK",
    });
  const phone = read("phone", () => normalisePhone(cell("phone")));
  const name = read("name", () => requiredText("name", cell("name"), 40));
  const gender = read("gender", () => parseGender(cell("gender")));
  const birthday = read("birthday", () => parseBirthday(parseBirthdayText(cell("birthday")), context.now));
  const tags = read("tags", () => parseTags(splitTags(cell("tags"))));
  const consent = read("consent", () => parseYesNo(cell("consent"), "consent"));
  const joinedAt = read("joinedAt", () => parseJoinedAt(cell("joinedAt"), context.timeZone, context.now));
  const store = read("store", () => findStore(context, cell("store")));
  const guide = read("guide", () => findGuide(context, cell("guide"), store));
  if (errors.length || !phone || !name || !store) return { errors };
  return {
    row,
    joinedAt,
    input: {
      phone,
      name,
      gender,
      birthday,
      homeStoreId: store.id,
      guideId: guide?.id,
      channel: "import",
      marketingSmsConsent: consent,
      tags,
    },
  };
}

/** The phones of a chunk already taken: phone → member id, and those members. */
interface KnownPhones {
  owners: Map<string, string>;
  ownerById: Map<string, Member>;
  /** Phones enrolled earlier in this chunk. */
  seen: Set<string>;
}

/** One consistent batch read tells which phones are members already: a re-run costs 1 request per 100 rows. */
async function knownPhones(deps: Deps, merchantId: string, valid: ValidRow[]): Promise<KnownPhones> {
  const owners = await phoneOwners(
    deps.db,
    merchantId,
    valid.map((row) => row.input.phone),
  );
  const owned = await getMembers(deps.db, merchantId, [...new Set(owners.values())]);
  const ownerById = new Map(owned.map((member) => [member.id, member]));
  return { owners, ownerById, seen: new Set<string>() };
}

/** Enrol one valid row and count it; a phone that is a member already, or came earlier in the chunk, is existing. */
async function enrolRow(
  deps: Deps,
  caller: Caller,
  staff: MerchantCaller,
  known: KnownPhones,
  report: ImportReport,
  { row, joinedAt, input }: ValidRow,
): Promise<void> {
  try {
    const ownerId = known.owners.get(input.phone);
    if (ownerId || known.seen.has(input.phone)) {
      if (ownerId) returnExisting(staff, known.ownerById.get(ownerId)!);
      report.existing++;
      return;
    }
    known.seen.add(input.phone);
    const result = await registerMember(deps, caller, input, {
      joinedAt,
      checked: true,
      phoneSeenFree: true,
      action: "imported",
    });
    if (result.created) report.created++;
    else report.existing++;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    report.failed++;
    report.errors.push({ row, column: (error.details.field as string) ?? "*", reason: error.message });
  }
}

/** Run `task` over the items in order, at most `concurrency` at a time. */
async function eachConcurrently<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await task(next);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Import one chunk of a member file: check every row, enrol the valid ones a
 * few at a time, and report each bad row by its file row number and column.
 * `onRow` is called once per row handled (for progress).
 */
export async function importMembers(
  deps: Deps,
  caller: Caller,
  chunk: ImportChunk,
  onRow?: () => void,
): Promise<ImportReport> {
  const staff = requireStaff(caller, ["owner", "manager"]);
  const { firstRow, ignored, context } = await readChunk(deps, staff, chunk);
  const report: ImportReport = {
    rows: chunk.rows.length,
    created: 0,
    existing: 0,
    failed: 0,
    errors: [],
    ignoredColumns: ignored,
  };
  const valid: ValidRow[] = [];
  chunk.rows.forEach((fields, index) => {
    const outcome = validateRow(context, Array.isArray(fields) ? fields.map(String) : [], firstRow + index);
    if ("errors" in outcome) {
      report.failed++;
      report.errors.push(...outcome.errors);
    } else valid.push(outcome);
  });
  const known = await knownPhones(deps, staff.merchantId, valid);
  for (let i = valid.length; i < chunk.rows.length; i++) onRow?.();
  await eachConcurrently(valid, IMPORT_CONCURRENCY, async (row) => {
    await enrolRow(deps, caller, staff, known, report, row);
    onRow?.();
  });
  report.errors.sort((a, b) => a.row - b.row);
  return report;
}
