import { describe, expect, it } from 'vitest';
import { parseFrame, sampleTier, TierCounts } from '../../bench/support/perf-tiers.js';
import { perfLines, splitPerfScript } from '../../bench/support/perf-split.js';

const frames = (...syms: string[]): ReturnType<typeof parseFrame>[] =>
  syms.map((s, i) => (s.startsWith('k:') ? { ip: `ffffffff8100${i}`, sym: s.slice(2) } : { ip: (0x1000 + i).toString(16), sym: s }));

describe('sampleTier', () => {
  it('names a JavaScript leaf by the tier marker V8 writes in its perf map', () => {
    expect(sampleTier(frames('JS:*judgeAndApply file:///x.mjs:1:1', 'uv__read'))).toMatchObject({ kind: 'JS TurboFan', part: 'own code', fn: 'judgeAndApply' });
    expect(sampleTier(frames('JS:+offer file:///x.mjs:2:1'))).toMatchObject({ kind: 'JS Maglev', part: 'own code' });
    expect(sampleTier(frames('JS:^cellWrite file:///x.mjs:3:1'))).toMatchObject({ kind: 'JS Sparkplug', part: 'own code' });
    expect(sampleTier(frames('Builtins_LdaNamedPropertyHandler', 'Builtins_InterpreterEntryTrampoline'))).toMatchObject({ kind: 'JS interpreter', part: 'own code' });
    expect(sampleTier(frames('Builtins_CallProperty1WideHandler'))).toMatchObject({ kind: 'JS interpreter', part: 'own code' });
  });

  it('counts a builtin or the runtime to the nearest JavaScript frame above it', () => {
    expect(sampleTier(frames('Builtins_LoadIC_Megamorphic', 'JS:*handle file:///x.mjs:1:1'))).toMatchObject({ kind: 'JS TurboFan', part: 'builtins' });
    expect(sampleTier(frames('Builtins_LoadIC_Baseline', 'JS:^handle file:///x.mjs:1:1'))).toMatchObject({ kind: 'JS Sparkplug', part: 'builtins' });
    expect(sampleTier(frames('v8::internal::Runtime_LoadIC_Miss', 'Builtins_CEntry', 'Builtins_LdaNamedPropertyHandler'))).toMatchObject({ kind: 'JS interpreter', part: 'runtime' });
  });

  it('names the JavaScript function a sample counts to', () => {
    expect(sampleTier(frames('Builtins_LoadIC_Baseline', 'JS:^handle file:///x.mjs:1:1')).fn).toBe('handle');
    expect(sampleTier(frames('Builtins_StarHandler', 'Builtins_InterpreterEntryTrampoline', 'JS:*outer x')).fn).toBe('(interpreted, under outer)');
    const counts = new TierCounts();
    counts.add(frames('Builtins_LoadIC_Baseline', 'JS:^handle file:///x.mjs:1:1'));
    counts.add(frames('JS:^handle file:///x.mjs:1:1'));
    expect([...counts.functions]).toEqual([['Sparkplug handle', 2]]);
  });

  it('puts GC, compiling, SQLite, the kernel and unnamed JIT code in their own categories', () => {
    expect(sampleTier(frames('v8::internal::Scavenger::Process', 'v8::internal::Heap::Scavenge', 'JS:*f x'))).toEqual({ kind: 'GC' });
    expect(sampleTier(frames('v8::internal::Parser::Parse', 'v8::internal::Compiler::Compile', 'Builtins_CompileLazy'))).toEqual({ kind: 'V8 compiling on the main thread' });
    expect(sampleTier(frames('sqlite3VdbeExec', 'sqlite3_step'))).toEqual({ kind: 'SQLite' });
    expect(sampleTier(frames('k:tcp_sendmsg', 'writev'))).toEqual({ kind: 'kernel' });
    expect(sampleTier(frames('[unknown]', 'uv__read'))).toEqual({ kind: 'JIT code not named (no --perf-basic-prof)' });
    expect(sampleTier(frames('uv__io_poll', 'uv_run'))).toEqual({ kind: 'other native (Node, libuv, libc)' });
  });

  it('parses perf script frame lines', () => {
    expect(parseFrame('\t    7f00dead JS:*f file:///x.mjs:1:1')).toEqual({ ip: '7f00dead', sym: 'JS:*f file:///x.mjs:1:1' });
    expect(parseFrame('\t    ffffffff81000000 tcp_sendmsg')).toEqual({ ip: 'ffffffff81000000', sym: 'tcp_sendmsg' });
  });

  it('prints the split by code beside the buckets', () => {
    const sample = (f: string[]): string => `node 7 \n${f.map((s, i) => `\t    ${(0x1000 + i).toString(16)} ${s}`).join('\n')}\n\n`;
    const text = sample(['JS:*f x', 'uv__read']) + sample(['Builtins_LoadIC_Megamorphic', 'JS:*f x', 'uv__read']) + sample(['Builtins_StarHandler']);
    const split = splitPerfScript(text, 7, 1);
    expect(split.tiers).toBeInstanceOf(TierCounts);
    expect(split.tiers.kinds.get('JS TurboFan')).toBe(2);
    expect(perfLines('t', split).at(-3)).toBe('  by the code it ran: JS TurboFan 2.00 (own code 1.00, builtins 1.00); JS interpreter 1.00 (own code 1.00) ms/s');
  });
});
