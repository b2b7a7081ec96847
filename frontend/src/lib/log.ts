/**
 * Logger writes one line per key event to the browser console, each prefixed with
 * `[crypto-stream]` so it can be filtered. Never log a watch id: it is a capability.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const PREFIX = "[crypto-stream]";

/** consoleLogger is the Logger the app uses. */
export const consoleLogger: Logger = {
  info: (message) => console.info(`${PREFIX} ${message}`),
  warn: (message) => console.warn(`${PREFIX} ${message}`),
  error: (message) => console.error(`${PREFIX} ${message}`),
};
