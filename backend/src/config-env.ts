/**
 * Zod schemas for single environment variables. Blank means unset. Each failure message says what
 * to put in the variable; `loadConfig` adds the variable's name (and its value, unless secret).
 */
import { existsSync } from "node:fs";
import { z } from "zod";

/** Blank and whitespace-only values count as unset; others are trimmed. */
const present = <T extends z.ZodType>(inner: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined), inner);

/** text: any string, `fallback` when unset. */
export const text = (fallback: string) => present(z.string().default(fallback));

/** int: a whole number from `min` to `max`. */
export function int(fallback: number, min: number, max: number): z.ZodType<number> {
  const error = `use a whole number from ${min} to ${max} (default ${fallback})`;
  return present(
    z.string().regex(/^\d+$/, { error }).transform(Number).pipe(z.number().min(min, { error }).max(max, { error })).default(fallback),
  );
}

/** msRange: "MIN-MAX" whole milliseconds with MIN <= MAX <= `max`, or one number for both ("0": none). */
export function msRange(fallback: readonly [number, number], max: number): z.ZodType<readonly [number, number]> {
  const error = `use MIN-MAX in whole ms with 0 <= MIN <= MAX <= ${max}, e.g. 300-800, or 0 for none (default ${fallback.join("-")})`;
  return present(
    z
      .string()
      .regex(/^\d+(-\d+)?$/, { error })
      .transform((value) => {
        const [min = 0, top = min] = value.split("-").map(Number);
        return [min, top] as const;
      })
      .refine(([min, top]) => min <= top && top <= max, { error })
      .default(fallback),
  );
}

/** bool: true/false, 1/0 or yes/no, in any case. */
export const bool = (fallback: boolean) =>
  present(z.stringbool({ truthy: ["1", "true", "yes"], falsy: ["0", "false", "no"], error: "use true or false" }).default(fallback));

/** httpUrl: an http(s) URL, returned without trailing slashes. */
export const httpUrl = (fallback: string) =>
  present(
    z
      .url({ protocol: /^https?$/, error: `use an http(s) URL such as ${fallback}` })
      .transform((url) => url.replace(/\/+$/, ""))
      .default(fallback),
  );

/** upperMatch: upper-cased, then checked against `pattern`. */
export const upperMatch = (fallback: string, pattern: RegExp, what: string) =>
  present(z.string().toUpperCase().regex(pattern, { error: `use ${what}` }).default(fallback));

/** oneOf: one of `values`, in any case. */
export const oneOf = <const T extends readonly [string, ...string[]]>(fallback: T[number], values: T) =>
  present(z.string().toLowerCase().pipe(z.enum(values, { error: `use one of ${values.join(", ")}` })).default(fallback));

/** secret: at least 16 characters, or unset. */
export const secret = () =>
  present(z.string().min(16, { error: "use at least 16 characters (e.g. `openssl rand -hex 32`)" }).optional());

/** origins: a comma-separated list of browser origins such as https://example.com. */
export const origins = () =>
  present(
    z
      .string()
      .transform((list) => list.split(",").map((item) => item.trim()).filter((item) => item !== ""))
      .pipe(z.array(z.string().refine(isOrigin, { error: (issue) => `"${String(issue.input)}" is not an origin; use e.g. https://example.com,http://localhost:5173` }).transform((origin) => new URL(origin).origin)))
      .default([]),
  );

/** hostNames: a comma-separated list of host names such as prices.example.com, lower-cased, no ports. */
export const hostNames = () =>
  present(
    z
      .string()
      .transform((list) => list.split(",").map((item) => item.trim().toLowerCase()).filter((item) => item !== ""))
      .pipe(
        z.array(
          z.string().regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, {
            error: (issue) => `"${String(issue.input)}" is not a host name; use names without scheme or port, e.g. prices.example.com,www.prices.example.com`,
          }),
        ),
      )
      .default([]),
  );

/** redisUrl: a redis:// or rediss:// URL, or unset. */
export const redisUrl = () =>
  present(
    z
      .url({ protocol: /^rediss?$/, error: "use a URL such as redis://127.0.0.1:6379 (rediss:// for TLS), or unset it to run a single instance" })
      .optional(),
  );

/** instanceId: up to 64 of letters, digits, ".", "_" and "-". */
export const instanceId = (fallback: string) =>
  present(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'use at most 64 letters, digits, ".", "_" or "-"' })
      .default(fallback.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 64)),
  );

/** existingFile: a path that exists, or unset; `what` says what belongs there. */
export const existingFile = (what = "a Chromium or Chrome executable") =>
  present(z.string().refine(existsSync, { error: `no such file; point it at ${what}, or unset it` }).optional());

/** isOrigin: `value` is exactly an origin (scheme, host, port), maybe with a trailing slash. */
function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value.replace(/\/+$/, "");
  } catch {
    return false;
  }
}
