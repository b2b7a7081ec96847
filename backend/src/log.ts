/**
 * Structured logging over pino: one JSON line per event on stdout, so operators can grep and ship
 * logs without parsing prose. An event name is `area.what` (`page.opened`, `stream.ended`); fields
 * carry the details. In a terminal the same events are pretty-printed instead.
 */
import { pino, type DestinationStream, type Logger as Pino } from "pino";
import pretty from "pino-pretty";

export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Record<string, unknown>;

/** Logger writes one line per event. `child` adds fields to every line it writes. */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** A sink receives each finished JSON line, synchronously; tests pass their own to read what was logged. */
export type LogSink = (line: string) => void;

/** LoggerOptions configure createLogger. */
export interface LoggerOptions {
  /** level: events below it are dropped; default "info". */
  level?: LogLevel;
  /** sink replaces stdout (and turns pretty-printing off). */
  sink?: LogSink;
  /** fields are added to every line. */
  fields?: LogFields;
}

/**
 * createLogger builds a logger. Without a sink it writes JSON lines to stdout asynchronously
 * (flushed when the process exits), or readable text when stdout is a terminal.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const human = !options.sink && process.stdout.isTTY === true;
  const base = pino(
    {
      level: options.level ?? "info",
      messageKey: "event",
      base: undefined,
      serializers: { error: briefError },
      // pino-pretty reads pino's own numeric levels and epoch times; JSON readers get words.
      ...(human ? {} : { timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label: string) => ({ level: label }) } }),
    },
    destination(options.sink, human),
  );
  return wrap(options.fields ? base.child(options.fields) : base);
}

/** silentLogger drops everything; for unit tests that do not read logs. */
export const silentLogger: Logger = wrap(pino({ level: "silent" }));

function destination(sink: LogSink | undefined, human: boolean): DestinationStream {
  if (sink) return { write: (line) => sink(line.trimEnd()) };
  // Synchronous in a terminal, so lines printed just before process.exit are never lost or torn.
  if (human) return pretty({ messageKey: "event", translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname", singleLine: true, errorLikeObjectKeys: [], sync: true });
  return pino.destination({ dest: 1, sync: false });
}

/** Errors are logged as name and message: operational errors need no stack, and bugs log theirs explicitly. */
function briefError(value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

function wrap(logger: Pino): Logger {
  return {
    debug: (event, fields) => logger.debug(fields ?? {}, event),
    info: (event, fields) => logger.info(fields ?? {}, event),
    warn: (event, fields) => logger.warn(fields ?? {}, event),
    error: (event, fields) => logger.error(fields ?? {}, event),
    child: (fields) => wrap(logger.child(fields)),
  };
}
