/**
 * `node --import tsx backend/src/find-chromium-cli.ts`: run.sh's question, answered by the same
 * findChromium the server uses. Prints the path, or the hint on stderr and exits 1.
 */
import { findChromium, INSTALL_HINT } from "./find-chromium.js";

const explicit = process.env.CHROMIUM_PATH?.trim() || undefined;
const found = findChromium(explicit);
if (found) {
  process.stdout.write(found + "\n");
} else {
  const what = explicit ? `CHROMIUM_PATH=${explicit} does not exist` : "no Chromium found";
  process.stderr.write(`${what}: ${INSTALL_HINT}\n`);
  process.exit(1);
}
