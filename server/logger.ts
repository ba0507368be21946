/**
 * The server's structured logger (pino). One logger is made at start and passed to everything
 * that logs; nothing imports a global. Secrets are redacted by path, and request bodies and cell
 * values are never logged at all. As a net under that, every line passes `log-redact.ts`: digit
 * runs in URLs and ids and any personnummer in any other string are masked, so an identity number
 * cannot end up in a log file whatever a caller passes.
 */
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { redactLogValue } from './log-redact.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';

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
    formatters: {
      log: (object: Record<string, unknown>) => redactLogValue(object) as Record<string, unknown>,
      bindings: (bindings: Record<string, unknown>) => redactLogValue(bindings) as Record<string, unknown>,
    },
    serializers: { err: (err: Error) => redactLogValue(pino.stdSerializers.err(err)) },
    hooks: {
      logMethod(this: PinoLogger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactPersonnummer(a) : a)));
      },
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
