/**
 * A small structured logger (klog-like levels). The engine logs through an injected sink so the host decides
 * where lines go (stderr, the app's log panel, a test buffer); timestamps come from the virtual clock.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  /** Component name, e.g. `apiserver`, `store`, `kubelet/node-1`. */
  component: string;
  message: string;
  fields?: Record<string, unknown>;
  timeMs: number;
}

export type LogSink = (record: LogRecord) => void;

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export class Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly component: string,
    private readonly now: () => number,
    private readonly minLevel: LogLevel = 'info',
  ) {}

  child(component: string): Logger {
    return new Logger(this.sink, `${this.component}/${component}`, this.now, this.minLevel);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.log('error', message, fields);
  }

  private log(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    this.sink({ level, component: this.component, message, fields, timeMs: this.now() });
  }
}

/** A sink that drops everything (tests that don't inspect logs). */
export const silentSink: LogSink = () => {};
