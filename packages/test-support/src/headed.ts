/**
 * HEADED is true with `TEST_HEADED=true` (and a display), to watch the tests' browsers work. Tests
 * run headless otherwise, display or not: a headed Chromium under Xvfb costs about a quarter more
 * CPU for the same test. Headed Chromium itself is proven by the `./run.sh` test, where run.sh starts
 * Xvfb as it does on a server.
 */
export const HEADED = process.env.TEST_HEADED === "true" && Boolean(process.env.DISPLAY);
