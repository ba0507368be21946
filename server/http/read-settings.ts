/**
 * The settings of spreadsheet reads, from the environment: how many reading workers run at once
 * and how many reads wait (`read-worker.ts`), and how long an import's read may take, the wait for
 * a worker included (the REST import, `rows.ts`, and `samplan import`, `cli-import.ts`, alike).
 * Every command checks them at its start (`config.ts` `loadConfig`), so a wrong value stops the
 * server or the command with a sentence before anything is read, not at the first import.
 */
import { availableParallelism } from 'node:os';

/** Reads that may wait for a free worker unless `SAMPLAN_READ_QUEUE` says otherwise. */
export const DEFAULT_READ_QUEUE = 16;

/** Seconds an import's read may take unless `SAMPLAN_IMPORT_READ_SECONDS` says otherwise. */
export const DEFAULT_IMPORT_READ_SECONDS = 60;

type Env = Record<string, string | undefined>;

/**
 * Digits with an optional decimal part, as the settings' words promise (`2`, `0.5`). `Number`
 * alone reads more: `0x10` (16), `1e3`, `0b1`, `+60`, so `SAMPLAN_READ_WORKERS=0x10` ran 16 workers.
 */
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** The setting `name` of `env` as a number, `fallback` when unset or empty; `valid` says which numbers it takes, `allowed` says so in words. */
function numberSetting(env: Env, name: string, fallback: number, valid: (n: number) => boolean, allowed: string): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  if (!valid(n)) throw new Error(`${name} must be ${allowed}, not "${raw}"`);
  return n;
}

/**
 * Most reading workers a process runs at once (`SAMPLAN_READ_WORKERS`): each may take a heap of
 * 512 MiB (`XLSX_LIMITS.maxHeapMb`), so 32 may take 16 GiB, and a read is CPU work, so workers past
 * the cores only share them while each holds its heap. `100000` was taken, a bound on memory that
 * bounds nothing. A fixed number, not the cores, so a setting good on one machine is good on another.
 */
export const MOST_READ_WORKERS = 32;

/**
 * Most reads that may wait for a worker (`SAMPLAN_READ_QUEUE`): each waiting import holds its body
 * (up to 16 MiB, `MAX_IMPORT_BYTES`), so 64 hold up to 1 GiB, two reading heaps; and a read waits
 * within its import's deadline (60 s by default), so a longer queue mostly holds bodies that are
 * refused late (503 after the wait) instead of at once (503 with `Retry-After`). `1000000` was
 * taken, a queue that bounded no memory.
 */
export const MOST_READ_QUEUE = 64;

/**
 * Workers and queue of a process: `SAMPLAN_READ_WORKERS` workers at once (default one less than
 * the cores Node may use, at least 1, at most {@link MOST_READ_WORKERS}) and `SAMPLAN_READ_QUEUE`
 * reads waiting ({@link DEFAULT_READ_QUEUE}, at most {@link MOST_READ_QUEUE}); past them a read is refused at once (503 `read-busy`, `read-worker.ts`).
 *
 * @throws Error naming the variable and what it takes, for anything but a whole number in digits (1
 *   to {@link MOST_READ_WORKERS} workers, 0 to {@link MOST_READ_QUEUE} queued), e.g. `SAMPLAN_READ_WORKERS must be a whole number from 1 to 32, not "0"`.
 */
export function readWorkerBounds(env: Env = process.env): { workers: number; queue: number } {
  const whole = (name: string, fallback: number, least: number, most: number) =>
    numberSetting(env, name, fallback, (n) => Number.isInteger(n) && n >= least && n <= most, `a whole number from ${least} to ${most}`);
  const cores = Math.min(MOST_READ_WORKERS, Math.max(1, availableParallelism() - 1));
  return { workers: whole('SAMPLAN_READ_WORKERS', cores, 1, MOST_READ_WORKERS), queue: whole('SAMPLAN_READ_QUEUE', DEFAULT_READ_QUEUE, 0, MOST_READ_QUEUE) };
}

/** Longest `SAMPLAN_IMPORT_READ_SECONDS` taken: an hour (a longer read is a stuck one). */
const MOST_IMPORT_READ_SECONDS = 3600;
/** Shortest `SAMPLAN_IMPORT_READ_SECONDS` taken: a millisecond (less rounds to 0 ms, every read late before it starts). */
const LEAST_IMPORT_READ_SECONDS = 0.001;

/**
 * Milliseconds an import's read may take, the wait for a free reading worker included:
 * `SAMPLAN_IMPORT_READ_SECONDS` (seconds, decimals allowed; default {@link DEFAULT_IMPORT_READ_SECONDS}).
 *
 * @throws Error naming the variable and what it takes for anything but a decimal number of seconds from 0.001 to 3600.
 */
export function importReadMs(env: Env = process.env): number {
  const seconds = numberSetting(env, 'SAMPLAN_IMPORT_READ_SECONDS', DEFAULT_IMPORT_READ_SECONDS, (n) => n >= LEAST_IMPORT_READ_SECONDS && n <= MOST_IMPORT_READ_SECONDS, `a number of seconds from ${LEAST_IMPORT_READ_SECONDS} to ${MOST_IMPORT_READ_SECONDS}`);
  return Math.round(seconds * 1000);
}

/**
 * `read(env)`, or `read({})` (the defaults) when `env` holds a wrong value: for a process's
 * module-level settings, which must not throw while modules load (a command checks them at its
 * start and stops there with a sentence, `loadConfig`).
 */
export function settingOrDefault<T>(read: (env: Env) => T, env: Env = process.env): T {
  try {
    return read(env);
  } catch {
    return read({});
  }
}
