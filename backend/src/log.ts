/**
 * Structured logging: one JSON line per event on stdout (errors on stderr), so operators can grep
 * and ship logs without parsing prose. An event name is `area.what` (`page.opened`,
 * `stream.ended`); fields carry the details.
 */
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

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A sink receives finished lines; tests pass their own to read what was logged. */
export type LogSink = (line: string, level: LogLevel) => void;

const stdSink: LogSink = (line, level) => {
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
};

/** createLogger builds a logger that drops events below `level`. */
export function createLogger(
  options: { level?: LogLevel; sink?: LogSink; fields?: LogFields } = {},
): Logger {
  const min = rank[options.level ?? "info"];
  const sink = options.sink ?? stdSink;
  const base = options.fields ?? {};
  const write = (level: LogLevel, event: string, fields?: LogFields) => {
    if (rank[level] < min) return;
    const line = { time: new Date().toISOString(), level, event, ...base, ...serialise(fields) };
    sink(JSON.stringify(line), level);
  };
  return {
    debug: (e, f) => write("debug", e, f),
    info: (e, f) => write("info", e, f),
    warn: (e, f) => write("warn", e, f),
    error: (e, f) => write("error", e, f),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** silentLogger drops everything; for unit tests that do not read logs. */
export const silentLogger: Logger = createLogger({ sink: () => {} });

function serialise(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
  }
  return out;
}
