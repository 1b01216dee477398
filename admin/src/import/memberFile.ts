/** A member CSV file as picked in the browser: decoded, parsed, and its header mapped to member fields. */
import { decodeCsv, parseCsv } from "../../../functions/core/csv";
import { mapHeader, type HeaderMap } from "../../../functions/core/member-import";

export interface ParsedFile {
  name: string;
  encoding: string;
  header: string[];
  rows: string[][];
  map?: HeaderMap;
  headerError?: string;
}

/** Read a file picked in the browser: bytes → text (UTF-8/GB18030…) → rows, and its header mapped. */
export async function readMemberFile(file: File): Promise<ParsedFile> {
  const { text, encoding } = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  const [header = [], ...rows] = parseCsv(text);
  const parsed: ParsedFile = { name: file.name, encoding, header, rows };
  try {
    parsed.map = mapHeader(header);
  } catch (error) {
    parsed.headerError = (error as Error).message;
  }
  return parsed;
}
