/**
 * The server's structured logger (pino). One logger is made at start and passed to everything
 * that logs; nothing imports a global. Secrets are redacted by path, and request bodies and cell
 * values are never logged at all, so a personnummer cannot end up in a log file.
 */
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';

/** The logger type passed around the server. */
export type Logger = PinoLogger;

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout when unset. Tests pass a stream to read lines back. */
  destination?: DestinationStream;
}

/** Paths removed from every log line, wherever a caller puts them. */
const REDACT = [
  'token',
  'secret',
  '*.token',
  '*.secret',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'query.token',
  '*.query.token',
];

/**
 * Create the server logger.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info({ port: 8787 }, 'listening');
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const config = {
    level: options.level ?? 'info',
    base: { service: 'samplan' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** Strip the token from a URL before it is logged (WebSocket clients put it in `?token=`). */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
