/** The engine's logging surface: structural, so tests can pass a collecting logger. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes `[time] LEVEL [name] message` lines to a stream (stderr by default, keeping stdout for CLI output). */
export function createLogger(name: string, level: LogLevel = 'info', out: NodeJS.WritableStream = process.stderr): Logger {
  const write = (lvl: LogLevel, message: string): void => {
    if (RANK[lvl] < RANK[level]) return;
    out.write(`[${new Date().toISOString()}] ${lvl.toUpperCase()} [${name}] ${message}\n`);
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}

/** A logger that keeps lines in memory, for tests that assert what was logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (lvl: string) => (m: string) => void lines.push(`${lvl} ${m}`);
  return { lines, debug: push('DEBUG'), info: push('INFO'), warn: push('WARN'), error: push('ERROR') };
}

export function childLogger(parent: Logger, prefix: string): Logger {
  return {
    debug: (m) => parent.debug(`${prefix} ${m}`),
    info: (m) => parent.info(`${prefix} ${m}`),
    warn: (m) => parent.warn(`${prefix} ${m}`),
    error: (m) => parent.error(`${prefix} ${m}`),
  };
}
