/**
 * The flags of `bench/scale.ts` (listed in that file's comment), their defaults, and the fan-out
 * windows that follow from them. `--stages` is passed on to the bench servers through
 * `SAMPLAN_BENCH_STAGES`, set (or cleared) here before any starts.
 */

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
export const RUNS = flag('runs', 3);
export const SECONDS = flag('seconds', 5);
/** Deliveries each fan-out case runs for at least: its window is stretched past `SECONDS` to reach them. */
export const DELIVERIES = flag('deliveries', 3000);
/** Edits each fan-out case runs for at least. */
export const EDITS = flag('edits', 300);
/**
 * `--warmup <s>`: seconds of edits before each fan-out case's measured window (2 by default), the
 * same for the one process and the cluster. Each cluster process sees a third of the edits, so V8
 * optimizes its edit path later than the single process's: a longer warm-up compares steady states.
 */
export const WARMUP = flag('warmup', 2);
/**
 * `--rate <edits/s>`: the offered rate of the 100-document case (100 by default). Each process's
 * CPU per edit depends on how many edits it handles a second (a process woken seldom wakes cold),
 * which this varies without changing the number of processes.
 */
export const RATE = flag('rate', 100);
/** `--affinity 0` leaves out the extra row with each document's clients on one process. */
export const AFFINITY = flag('affinity', 1) !== 0;
/**
 * `--floor 1` adds an extra row (fan-out only, no ladder): one process on the same PostgreSQL and
 * Redis. Its edits never cross processes, yet each is committed to PostgreSQL before it is relayed:
 * the path every design keeping persist-before-relay on PostgreSQL has at least (client, process,
 * PostgreSQL, process, client), so its p99 ratio is the floor that no cut among the hops between
 * processes (Redis, a direct link) can go below.
 */
export const FLOOR = flag('floor', 0) !== 0;
/**
 * By default each set-up's cases are measured one set-up after the other (the only mode with
 * `--account`, `--profile` and `--stages`; `--sequential` says so explicitly). `--interleaved`
 * starts every set-up first and alternates each case between them in {@link WINDOWS} short windows
 * each (`scale/interleaved.ts`), so the machine's load falls on every set-up alike. It is not the
 * default: measured in alternation with the sequential mode its p99 ratio was no steadier (0.50,
 * 15.6, 1.75 against 1.26, 0.98, 1.63), and its edit-rate ladder, run with the other set-ups'
 * processes up, gave one process on SQLite 400 edits/s in two of three runs where the sequential
 * ladder gives 6400.
 */
export const SEQUENTIAL = !args.includes('--interleaved');
if (args.includes('--interleaved') && args.includes('--sequential')) throw new Error('--interleaved and --sequential exclude each other');
/** `--windows <n>`: the windows per set-up and case in the interleaved mode (8 by default), ABBA… */
export const WINDOWS = flag('windows', 8);
if (!Number.isInteger(WINDOWS) || WINDOWS < 1) throw new Error(`--windows wants a whole number of at least 1, not ${WINDOWS}`);
/** `--ceiling 0` leaves out the edit-rate ladder (for short runs while working on the fan-out path). */
export const CEILING = flag('ceiling', 1) !== 0;
/** `--profile <dir>`: a V8 CPU profile of each process over the 100-document case's measured window, written there. */
export const PROFILE = (() => {
  const i = args.indexOf('--profile');
  return i >= 0 ? (args[i + 1] ?? '') : '';
})();
/** `--account <s>`: seconds of idle CPU measured before the 100-document case, and the CPU split by process (0: not measured). */
export const ACCOUNT = flag('account', 0);
/** `--processes <n>`: server processes on PostgreSQL + Redis (3 by default). */
export const PROCESSES = flag('processes', 3);
if (!Number.isInteger(PROCESSES) || PROCESSES < 1) throw new Error(`--processes wants a whole number of at least 1, not ${PROCESSES}`);
/** `--stages`: time the cluster processes' stages (`support/stage-timer.ts`), at a CPU cost those processes alone pay. */
export const STAGE_TIMER = args.includes('--stages');
if (STAGE_TIMER) process.env.SAMPLAN_BENCH_STAGES = '1';
else delete process.env.SAMPLAN_BENCH_STAGES;
export const CLUSTER = `${PROCESSES} process${PROCESSES === 1 ? '' : 'es'}, PostgreSQL + Redis`;
export const DOCS = 100;
/** The fan-out cases `--parts` names: `one` (one document × 150 clients), `many` ({@link DOCS} documents × 2 clients). */
export const PART_NAMES = ['one', 'many'] as const;
/**
 * `--parts <list>`: the fan-out cases to run, comma-separated (both by default); a case not run
 * prints dashes. `--parts many --ceiling 0 --affinity 0` measures the 100-document p99 alone, in
 * about a third of a full run's time.
 */
export const PARTS: ReadonlySet<(typeof PART_NAMES)[number]> = (() => {
  const i = args.indexOf('--parts');
  if (i < 0) return new Set(PART_NAMES);
  const asked = (args[i + 1] ?? '').split(',').filter((p) => p !== '');
  const unknown = asked.filter((p) => !(PART_NAMES as readonly string[]).includes(p));
  if (asked.length === 0 || unknown.length > 0) throw new Error(`--parts wants a comma-separated list of ${PART_NAMES.join(', ')}, not '${args[i + 1] ?? ''}'`);
  return new Set(asked as (typeof PART_NAMES)[number][]);
})();
/** The ladder of offered edit rates; it stops at the first that fails. */
export const RATES = [50, 100, 200, 400, 800, 1600, 3200, 6400];

/**
 * Seconds of edits at `rate` edits/s, each to `readers` readers, for at least {@link DELIVERIES}
 * deliveries and {@link EDITS} edits, never under `SECONDS`.
 */
export const windowFor = (rate: number, readers: number): number => Math.max(SECONDS, Math.ceil(DELIVERIES / (rate * readers)), Math.ceil(EDITS / rate));
