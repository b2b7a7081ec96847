/**
 * What a Connect call ended with, as data for a test to assert on.
 */
import { ConnectError, type Code } from "@connectrpc/connect";

/** errorOf runs `run` and returns the ConnectError it threw, or undefined when it succeeded. */
export async function errorOf(run: () => Promise<unknown>): Promise<ConnectError | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return ConnectError.from(error);
  }
}

/** codeOf is the Connect code `run` failed with, or undefined when it succeeded. */
export async function codeOf(run: () => Promise<unknown>): Promise<Code | undefined> {
  return (await errorOf(run))?.code;
}
