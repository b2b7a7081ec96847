/** Test helper: poll a condition until it holds or `ms` pass, then assert it. */
import { expect } from "vitest";

export async function eventually(check: () => boolean, ms = 4_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}
