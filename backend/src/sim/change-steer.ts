/**
 * How tests and the benchmark steer a ticker's change area, and the check of that steering when it
 * comes over HTTP as the `change` field of `POST /_control/:ticker`.
 */
import { parseDecimal } from "./decimal.js";

/** ChangeSteer changes a ticker's change area; every field is optional and they apply in this order. */
export interface ChangeSteer {
  /** open sets the price the day opened at (the previous daily close), a plain positive decimal. */
  readonly open?: string;
  /** rollover: true starts a new day now: the open becomes the price now, so the change reads zero. */
  readonly rollover?: boolean;
  /** value pins the absolute change shown, a plain signed decimal such as "-1234.56"; null unpins it. */
  readonly value?: string | null;
  /** percent pins the percent shown, a plain signed decimal such as "1.23"; null unpins it. */
  readonly percent?: string | null;
  /** hidden: true empties the change area, false shows it again. */
  readonly hidden?: boolean;
  /** parenthesized: true prints the percent as "(+1.23%)" (legacy markup), false as "+1.23%". */
  readonly parenthesized?: boolean;
}

/** ChangeSteerParse is the outcome of parseChangeSteer: a steer, or a message for a 400. */
export type ChangeSteerParse =
  | { readonly ok: true; readonly steer: ChangeSteer }
  | { readonly ok: false; readonly message: string };

const FIELDS: readonly string[] = ["open", "rollover", "value", "percent", "hidden", "parenthesized"];

/** parseChangeSteer validates the `change` object of a control body. Pure; never throws. */
export function parseChangeSteer(body: unknown): ChangeSteerParse {
  const fail = (message: string): ChangeSteerParse => ({ ok: false, message: `change: ${message}` });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return fail(`must be an object with any of ${FIELDS.join(", ")}`);
  }
  const fields: Record<string, unknown> = { ...body };
  const unknown = Object.keys(fields).find((name) => !FIELDS.includes(name));
  if (unknown !== undefined) return fail(`unknown field ${JSON.stringify(unknown)}; fields are ${FIELDS.join(", ")}`);
  const steer: { -readonly [K in keyof ChangeSteer]: ChangeSteer[K] } = {};
  const { open, value, percent } = fields;
  if (open !== undefined) {
    const parsed = typeof open === "string" ? parseDecimal(open) : undefined;
    if (typeof open !== "string" || !parsed || parsed.units <= 0n) return fail('open must be a positive decimal string such as "96000.00"');
    steer.open = open;
  }
  for (const [name, pinned] of [["value", value], ["percent", percent]] as const) {
    if (pinned === undefined) continue;
    if (pinned !== null && (typeof pinned !== "string" || !parseDecimal(pinned))) {
      return fail(`${name} must be a signed decimal string such as "-0.45", or null to follow the walk`);
    }
    steer[name] = pinned;
  }
  for (const name of ["rollover", "hidden", "parenthesized"] as const) {
    const flag = fields[name];
    if (flag === undefined) continue;
    if (typeof flag !== "boolean") return fail(`${name} must be true or false`);
    steer[name] = flag;
  }
  return { ok: true, steer };
}
