/**
 * Finds the Chromium to drive: CHROMIUM_PATH when given, else Playwright's own download where it
 * was installed, else a system Chromium. run.sh asks the same question through find-chromium-cli.ts,
 * so the script and the server never disagree.
 */
import { existsSync } from "node:fs";
import { chromium } from "playwright";
import { SYSTEM_CHROMIUM_PATHS } from "./config.js";

/** The command that installs a Chromium on Debian/Ubuntu, for error messages. */
export const INSTALL_HINT =
  "install one with `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`, " +
  "or set CHROMIUM_PATH to a Chromium or Chrome executable";

/** findChromium returns an executable path, or undefined when none is installed. */
export function findChromium(explicit: string | undefined): string | undefined {
  if (explicit !== undefined) return existsSync(explicit) ? explicit : undefined;
  const candidates = [playwrightChromium(), ...SYSTEM_CHROMIUM_PATHS];
  return candidates.find((path): path is string => path !== undefined && existsSync(path));
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
