/**
 * What V8 compiled and deoptimized in a server, over time, from its own log: the answer to "is the
 * compiler still busy because functions are optimized again and again (a deoptimization loop), or
 * because code not run before is being compiled (tiering up)?".
 *
 * Write the log with the bench's `BENCH_NODE_FLAGS` (`support/servers.ts`):
 *
 *   BENCH_NODE_FLAGS='--log-code --log-deopt --logfile=/tmp/v8-%k.log --no-logfile-per-isolate' \
 *     npm run bench -- region --parts fanout --servers samplan,y-websocket-server --runs 1 --warmup 30
 *   npx tsx bench/support/v8-tiers.ts /tmp/v8-samplan.log --window 5 --from 30 --to 55
 *
 * It prints, per window of `--window` seconds (of the log's clock: microseconds since the
 * process started), how many functions reached each tier (`^` Sparkplug, `+` Maglev, `*`
 * TurboFan) and how many optimized codes were thrown away; then, between `--from` and `--to`
 * seconds, the functions optimized more than once and every deoptimization with its function, the
 * source position V8 gives and its reason (`wrong map`, `not a Smi`, `Insufficient type feedback…`).
 * The log's lines are V8's (`src/logging/log.cc`): `code-creation,<type>,<kind>,<µs>,<address>,
 * <size>,<name>,<shared info>,<tier>`, `code-move,<from>,<to>` and `code-deopt,<µs>,<size>,<address>,
 * <inlining id>,<offset>,<kind>,<position>,<reason>`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** A tier V8 compiles a JavaScript function to, by the marker its log writes after the name. */
export type Tier = 'sparkplug' | 'maglev' | 'turbofan';
const TIERS: Record<string, Tier> = { '^': 'sparkplug', '+': 'maglev', '*': 'turbofan' };

/** One compile of one function to an optimizing or baseline tier; `at` in seconds since start. */
export interface Compile {
  at: number;
  tier: Tier;
  name: string;
}

/** One deoptimization: the optimized code of `name` thrown away at `at` seconds. */
export interface Deopt {
  at: number;
  name: string;
  /** `deopt-eager`, `deopt-lazy`, `deopt-soft`, `dependency-change`… */
  kind: string;
  /** The source position V8 names (with what it was inlined into). */
  position: string;
  reason: string;
}

/** The compiles and deoptimizations of one V8 log, in the order logged. */
export interface V8Tiers {
  compiles: Compile[];
  deopts: Deopt[];
}

/** The log's fields of one line; V8 escapes a comma inside a field (`\x2C`), so a split is exact. */
const fields = (line: string): string[] => line.split(',');

/** Reads the compiles and deoptimizations out of the text of a V8 log (`--log-code --log-deopt`). */
export function parseV8Log(text: string): V8Tiers {
  const codeAt = new Map<string, string>();
  const compiles: Compile[] = [];
  const deopts: Deopt[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('code-creation,JS,')) {
      const f = fields(line);
      const [at, address, name, marker] = [Number(f[3]), f[4] as string, f[6] as string, f[f.length - 1] as string];
      codeAt.set(address, name);
      const tier = TIERS[marker];
      if (tier) compiles.push({ at: at / 1e6, tier, name });
    } else if (line.startsWith('code-move,')) {
      const f = fields(line);
      const name = codeAt.get(f[1] as string);
      if (name !== undefined) codeAt.set(f[2] as string, name);
    } else if (line.startsWith('code-deopt,')) {
      const f = fields(line);
      deopts.push({
        at: Number(f[1]) / 1e6,
        name: codeAt.get(f[3] as string) ?? `(code at ${f[3]})`,
        kind: f[6] ?? '',
        position: f.slice(7, -1).join(','),
        reason: f[f.length - 1] ?? '',
      });
    }
  }
  return { compiles, deopts };
}

/** Counts per window of `windowS` seconds: functions compiled to each tier, and deoptimizations. */
export interface TierWindow {
  from: number;
  sparkplug: number;
  maglev: number;
  turbofan: number;
  deopts: number;
}

/** {@link V8Tiers} counted per window of `windowS` seconds from 0 to the last event. */
export function tierWindows(log: V8Tiers, windowS: number): TierWindow[] {
  const last = Math.max(0, ...log.compiles.map((c) => c.at), ...log.deopts.map((d) => d.at));
  const windows = Array.from({ length: Math.floor(last / windowS) + 1 }, (_, i): TierWindow => ({ from: i * windowS, sparkplug: 0, maglev: 0, turbofan: 0, deopts: 0 }));
  for (const c of log.compiles) (windows[Math.floor(c.at / windowS)] as TierWindow)[c.tier]++;
  for (const d of log.deopts) (windows[Math.floor(d.at / windowS)] as TierWindow).deopts++;
  return windows;
}

/** Functions compiled to `tier` more than once between `from` and `to` s, the most often first. */
export function recompiled(log: V8Tiers, tier: Tier, from = 0, to = Infinity): [name: string, times: number][] {
  const times = new Map<string, number>();
  for (const c of log.compiles) if (c.tier === tier && c.at >= from && c.at < to) times.set(c.name, (times.get(c.name) ?? 0) + 1);
  return [...times].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]);
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { window: { type: 'string', default: '5' }, from: { type: 'string', default: '0' }, to: { type: 'string', default: 'Infinity' } },
  });
  const [file] = positionals;
  if (!file) throw new Error('usage: v8-tiers.ts <v8 log> [--window s] [--from s] [--to s]');
  const log = parseV8Log(readFileSync(file, 'latin1'));
  const [from, to] = [Number(values.from), Number(values.to)];
  console.log('| from s | Sparkplug | Maglev | TurboFan | deopts |\n|---|---|---|---|---|');
  for (const w of tierWindows(log, Number(values.window))) console.log(`| ${w.from} | ${w.sparkplug} | ${w.maglev} | ${w.turbofan} | ${w.deopts} |`);
  const inRange = <T extends { at: number }>(xs: T[]): T[] => xs.filter((x) => x.at >= from && x.at < to);
  const turbo = inRange(log.compiles).filter((c) => c.tier === 'turbofan');
  console.log(`\n${from}–${to} s: ${turbo.length} TurboFan compiles of ${new Set(turbo.map((c) => c.name)).size} functions, ${inRange(log.deopts).length} deoptimizations`);
  for (const [name, n] of recompiled(log, 'turbofan', from, to)) console.log(`  optimized ${n}×: ${name}`);
  for (const d of inRange(log.deopts)) console.log(`  ${d.at.toFixed(1)} s ${d.kind} "${d.reason}" in ${d.name} at ${d.position}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
