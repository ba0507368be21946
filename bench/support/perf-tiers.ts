/**
 * What kind of code a `perf` sample of a server's main thread was running: JavaScript by V8's tier
 * (TurboFan-optimized, Maglev, Sparkplug baseline, the interpreter), and for those whether in the
 * function's own code, in V8's builtins it called (inline-cache misses, megamorphic property
 * loads, calls, allocation stubs) or in V8's C++ runtime; or GC, compiling on the main thread,
 * SQLite, the kernel, other native code (Node, libuv, libc). It answers "is the early CPU the main
 * thread running code that is not optimized yet?" from the same samples as `perf-split.ts`.
 *
 * JavaScript frames are named only when the server runs with `--perf-basic-prof`
 * (`BENCH_NODE_FLAGS`, `servers.ts`): V8 then writes `/tmp/perf-<pid>.map`, whose names carry the
 * tier as a marker after the tag (`JS:*f` TurboFan, `JS:+f` Maglev, `JS:^f` Sparkplug, `JS:~f`
 * interpreted; V8's `CodeEventLogger`). Interpreted code runs in the interpreter's bytecode
 * handlers (`Builtins_…Handler`) and its entry trampoline, which are counted as the interpreter.
 * Without the map, JIT code is `[unknown]` and counted as such.
 */

/** The categories, in the order printed. */
export const TIER_KINDS = [
  'JS TurboFan',
  'JS Maglev',
  'JS Sparkplug',
  'JS interpreter',
  'JIT code not named (no --perf-basic-prof)',
  'GC',
  'V8 compiling on the main thread',
  'SQLite',
  'kernel',
  'other native (Node, libuv, libc)',
] as const;
export type TierKind = (typeof TIER_KINDS)[number];

/** Where in a JavaScript tier's time a sample's leaf was. */
export type TierPart = 'own code' | 'builtins' | 'runtime';

/** One stack frame of a sample: instruction address (hex, as `perf script` prints it) and symbol. */
export interface Frame {
  ip: string;
  sym: string;
}

const GC = ['Heap::Scavenge', 'ScavengerCollector', 'MarkCompactCollector', 'Heap::CollectGarbage', 'MinorMarkCompact', 'Heap::PerformGarbageCollection'];
const COMPILE = ['Compiler::Compile', 'Builtins_CompileLazy', 'InstallOptimizedFunctions', 'FinalizeTurbofanCompilationJob', 'Compiler::FinalizeMaglevCompilationJob'];
const MARKERS: Record<string, TierKind> = { '*': 'JS TurboFan', '+': 'JS Maglev', '^': 'JS Sparkplug', '~': 'JS interpreter' };

/** The tier of a JavaScript frame, or null when `sym` is not one. */
function jsTier(sym: string): TierKind | null {
  const m = /^(?:JS|LazyCompile|Function|Script):([*+^~])/.exec(sym);
  if (m) return MARKERS[m[1] as string] ?? null;
  if (/^Builtins_(InterpreterEntryTrampoline\w*|\w+Handler(?:_Wide|_ExtraWide)?|\w+(?:Wide|ExtraWide)Handler)$/.test(sym)) return 'JS interpreter';
  return null;
}

/**
 * The JavaScript function of frame `at` (a `JS:` name without its marker, file and line), or for
 * an interpreter handler the first named function above it (an interpreted function's own frame is
 * the entry trampoline, unnamed without `--interpreted-frames-native-stack`).
 */
function fnName(frames: readonly Frame[], at: number): string {
  for (let i = at; i < frames.length; i++) {
    const m = /^(?:JS|LazyCompile|Function|Script):[*+^~](\S*)/.exec((frames[i] as Frame).sym);
    if (m) return i === at ? m[1] || '(anonymous)' : `(interpreted, under ${m[1] || '(anonymous)'})`;
  }
  return '(interpreted)';
}

const isKernel = (f: Frame): boolean => /^f{6}/.test(f.ip.trim());
const isJit = (f: Frame): boolean => f.sym === '[unknown]' || f.sym === '';

/**
 * The category of one main-thread sample, `frames` leaf first, and for JavaScript tiers where its
 * leaf was: in the function itself, in a builtin it called, or in V8's C++ runtime below it.
 */
export function sampleTier(frames: readonly Frame[]): { kind: TierKind; part?: TierPart; fn?: string } {
  const leaf = frames[0];
  if (!leaf) return { kind: 'other native (Node, libuv, libc)' };
  if (isKernel(leaf)) return { kind: 'kernel' };
  if (frames.some((f) => GC.some((k) => f.sym.includes(k)))) return { kind: 'GC' };
  if (frames.some((f) => COMPILE.some((k) => f.sym.includes(k)))) return { kind: 'V8 compiling on the main thread' };
  if (leaf.sym.includes('sqlite3')) return { kind: 'SQLite' };
  const leafTier = jsTier(leaf.sym);
  if (leafTier) return { kind: leafTier, part: 'own code', fn: fnName(frames, 0) };
  if (isJit(leaf)) return { kind: 'JIT code not named (no --perf-basic-prof)' };
  const v8 = leaf.sym.startsWith('Builtins_') || leaf.sym.includes('v8::internal::') || leaf.sym.startsWith('Runtime_');
  if (!v8) return { kind: 'other native (Node, libuv, libc)' };
  // A builtin or the runtime: counted to the nearest JavaScript frame above it.
  for (const f of frames.slice(1)) {
    const tier = jsTier(f.sym);
    if (tier) return { kind: tier, part: leaf.sym.startsWith('Builtins_') ? 'builtins' : 'runtime', fn: fnName(frames, frames.indexOf(f)) };
    if (isJit(f)) return { kind: 'JIT code not named (no --perf-basic-prof)' };
  }
  return { kind: 'other native (Node, libuv, libc)' };
}

/** Counts of main-thread samples by category, and of the JavaScript tiers by part. */
export class TierCounts {
  readonly kinds = new Map<TierKind, number>(TIER_KINDS.map((k) => [k, 0]));
  readonly parts = new Map<TierKind, Map<TierPart, number>>();
  /** Samples by JavaScript function and tier (`<tier> <function>`), builtins and runtime below it included. */
  readonly functions = new Map<string, number>();
  /** Samples whose leaf was a V8 builtin called from JavaScript, by tier and builtin (`<tier> <builtin>`). */
  readonly builtins = new Map<string, number>();

  add(frames: readonly Frame[]): void {
    const { kind, part, fn } = sampleTier(frames);
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    if (fn) this.functions.set(`${kind.slice(3)} ${fn}`, (this.functions.get(`${kind.slice(3)} ${fn}`) ?? 0) + 1);
    const builtin = part === 'builtins' ? `${kind.slice(3)} ${(frames[0] as Frame).sym.replace(/^Builtins_/, '')}` : null;
    if (builtin) this.builtins.set(builtin, (this.builtins.get(builtin) ?? 0) + 1);
    if (!part) return;
    const parts = this.parts.get(kind) ?? new Map<TierPart, number>();
    parts.set(part, (parts.get(part) ?? 0) + 1);
    this.parts.set(kind, parts);
  }
}

/** Parses a tab-indented frame line of `perf script -F …,ip,sym`: `\t    <ip> <symbol>`. */
export function parseFrame(line: string): Frame {
  const t = line.trim();
  const space = t.indexOf(' ');
  return space < 0 ? { ip: t, sym: '' } : { ip: t.slice(0, space), sym: t.slice(space + 1).trim() };
}
