/**
 * The body of `POST /_control/:ticker`, checked field by field: the benchmark steers the sim from
 * another process, and a typo there should fail loudly, not be ignored.
 */
import { parseDecimal } from "./decimal.js";
import type { PageStatus } from "./sim-market.js";

/** ControlCommand is a validated control body; every field is optional, at least one is set. */
export interface ControlCommand {
  /** price to push now, a plain non-negative decimal such as "97123.45". */
  readonly price?: string;
  readonly paused?: boolean;
  readonly silent?: boolean;
  readonly status?: PageStatus;
  /** delayMs before each page response, an integer from 0 to MAX_DELAY_MS. */
  readonly delayMs?: number;
  readonly withheld?: boolean;
  /** rerender: true re-mounts the price element; false does nothing. */
  readonly rerender?: boolean;
  /** reset: true restores the ticker's start, before any other field applies; false does nothing. */
  readonly reset?: boolean;
  /** clock: true prices the ticker by wall-clock time (clock-price.ts), false resumes the walk. */
  readonly clock?: boolean;
  /** fillDelayMs: [min, max] ms a new page waits for its first price; [0, 0] for none. */
  readonly fillDelayMs?: readonly [number, number];
}

/** MAX_DELAY_MS bounds delayMs (ten minutes): longer is a mistake, not a slow page. */
export const MAX_DELAY_MS = 600_000;

/** ControlParse is the outcome of parseControlBody: a command, or a message for a 400. */
export type ControlParse =
  | { readonly ok: true; readonly command: ControlCommand }
  | { readonly ok: false; readonly message: string };

const BOOLEAN_FIELDS = ["paused", "silent", "withheld", "rerender", "reset", "clock"] as const;
const FIELDS: readonly string[] = ["price", "status", "delayMs", "fillDelayMs", ...BOOLEAN_FIELDS];

/** parseControlBody validates a parsed JSON body. Pure; never throws. */
export function parseControlBody(body: unknown): ControlParse {
  const fail = (message: string): ControlParse => ({ ok: false, message });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return fail("body must be a JSON object (send Content-Type: application/json)");
  }
  const fields: Record<string, unknown> = { ...body };
  const names = Object.keys(fields);
  const unknown = names.find((name) => !FIELDS.includes(name));
  if (unknown !== undefined) {
    return fail(`unknown field ${JSON.stringify(unknown)}; fields are ${FIELDS.join(", ")}`);
  }
  if (names.length === 0) return fail(`body sets nothing; fields are ${FIELDS.join(", ")}`);

  const command: { -readonly [K in keyof ControlCommand]: ControlCommand[K] } = {};
  const { price, status, delayMs } = fields;
  if (price !== undefined) {
    const value = typeof price === "string" ? parseDecimal(price) : undefined;
    if (typeof price !== "string" || !value || value.units < 0n) {
      return fail('price must be a non-negative decimal string such as "97123.45"');
    }
    command.price = price;
  }
  if (status !== undefined) {
    if (status !== 200 && status !== 404 && status !== 500) {
      return fail("status must be 200, 404 or 500");
    }
    command.status = status;
  }
  if (delayMs !== undefined) {
    const inRange = typeof delayMs === "number" && delayMs >= 0 && delayMs <= MAX_DELAY_MS;
    if (!inRange || !Number.isInteger(delayMs)) {
      return fail(`delayMs must be an integer from 0 to ${MAX_DELAY_MS}`);
    }
    command.delayMs = delayMs;
  }
  const { fillDelayMs } = fields;
  if (fillDelayMs !== undefined) {
    const range = Array.isArray(fillDelayMs) && fillDelayMs.length === 2 ? (fillDelayMs as unknown[]) : [];
    const [min, max] = range;
    const valid = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_DELAY_MS;
    if (!valid(min) || !valid(max) || min > max) {
      return fail(`fillDelayMs must be [min, max]: integers with 0 <= min <= max <= ${MAX_DELAY_MS}, e.g. [300, 800]`);
    }
    command.fillDelayMs = [min, max];
  }
  for (const name of BOOLEAN_FIELDS) {
    const value = fields[name];
    if (value === undefined) continue;
    if (typeof value !== "boolean") return fail(`${name} must be true or false`);
    command[name] = value;
  }
  return { ok: true, command };
}

/** needsKnownTicker says whether a command steers a price, which only a known ticker has. */
export function needsKnownTicker(command: ControlCommand): boolean {
  return (
    command.price !== undefined ||
    command.paused !== undefined ||
    command.silent !== undefined ||
    command.withheld !== undefined ||
    command.clock !== undefined ||
    command.rerender === true
  );
}
