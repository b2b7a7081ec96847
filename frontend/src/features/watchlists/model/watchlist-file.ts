/**
 * The watchlist export file: what "Export lists" writes and "Import lists" reads. JSON, so a
 * person can read and edit it:
 * `{"format": "crypto-stream.watchlists", "version": 1, "lists": [{"name": "…", "symbols": ["…"]}]}`.
 */
import { checkName, cleanSymbols, MAX_LISTS, MAX_NAME_LENGTH, MAX_SYMBOLS_PER_LIST, type Watchlist } from "./watchlist.js";

const FORMAT = "crypto-stream.watchlists";
const VERSION = 1;
/** MAX_FILE_BYTES bounds a file read for import: 20 full lists fit in a fraction of it. */
export const MAX_FILE_BYTES = 256 * 1024;

/** ImportedList is one list read from a file: a name and its symbols, both checked. */
export interface ImportedList {
  readonly name: string;
  readonly symbols: readonly string[];
}

/** FileRead is the lists of a valid file, or why the file cannot be imported. */
export type FileRead = { ok: true; lists: ImportedList[] } | { ok: false; reason: string };

/** exportText is the file for `lists`, names and symbols only, indented for people. */
export function exportText(lists: readonly Watchlist[]): string {
  const body = { format: FORMAT, version: VERSION, lists: lists.map(({ name, symbols }) => ({ name, symbols })) };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * readExportText checks a whole file and reads its lists, or refuses it whole with the first
 * thing wrong: an import changes everything it should or nothing. A list with an entry that is
 * not a ticker is refused too, since dropping it silently would lose what the person meant.
 */
export function readExportText(text: string): FileRead {
  if (text.length > MAX_FILE_BYTES) return refuse(`it is larger than ${MAX_FILE_BYTES / 1024} kB`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse("it is not JSON");
  }
  if (!isRecord(body) || body["format"] !== FORMAT) return refuse(`it is not a Crypto Stream watchlist export (no "format": "${FORMAT}")`);
  if (body["version"] !== VERSION) return refuse(`its version ${JSON.stringify(body["version"])} is not one this page reads (${VERSION})`);
  const lists = body["lists"];
  if (!Array.isArray(lists) || lists.length === 0) return refuse('it has no "lists"');
  if (lists.length > MAX_LISTS) return refuse(`it has ${lists.length} lists; the page keeps at most ${MAX_LISTS}`);
  const read: ImportedList[] = [];
  for (const [index, list] of lists.entries()) {
    const where = `list ${index + 1}`;
    if (!isRecord(list) || typeof list["name"] !== "string" || !Array.isArray(list["symbols"])) {
      return refuse(`${where} needs a "name" (text) and "symbols" (a list of tickers)`);
    }
    const name = checkName(list["name"], []);
    if (!name.ok) return refuse(`${where}: ${name.reason.replace(/\.$/, "")} (at most ${MAX_NAME_LENGTH} characters)`);
    const symbols: unknown[] = list["symbols"];
    if (symbols.length > MAX_SYMBOLS_PER_LIST) return refuse(`${where} ("${name.name}") has more than ${MAX_SYMBOLS_PER_LIST} tickers`);
    const clean = cleanSymbols(symbols);
    if (clean.invalid.length > 0) return refuse(`${where} ("${name.name}") holds entries that are not tickers: ${clean.invalid.join(", ")}`);
    read.push({ name: name.name, symbols: clean.symbols });
  }
  return { ok: true, lists: read };
}

function refuse(why: string): FileRead {
  return { ok: false, reason: `This file cannot be imported: ${why}. Nothing was changed.` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
