import { describe, expect, it } from 'vitest';
import { perfLines, splitPerfScript } from '../../bench/support/perf-split.js';

/** One sample of `perf script -F comm,tid,ip,sym`: a header line, tab-indented frames (leaf first), a blank line. */
const sample = (comm: string, tid: number, frames: string[]): string =>
  `${comm} ${tid} \n${frames.map((f, i) => `\t    ${(0x1000 + i).toString(16)} ${f}`).join('\n')}\n\n`;

describe('splitPerfScript', () => {
  const pid = 4163;
  const text = [
    // A commit's WAL write under the setImmediate turn: SQLite, not the turn.
    sample('node', pid, ['__libc_pwrite', 'sqlite3PagerCommitPhaseOne', 'sqlite3_step', 'Statement::JS_run', 'node::Environment::CheckImmediate', 'uv_run']),
    // A relay's socket write under the same turn: a socket write.
    sample('node', pid, ['tcp_sendmsg', '__GI___libc_write', 'node::StreamBase::WriteBuffer', 'node::Environment::CheckImmediate', 'uv_run']),
    // The receive path's JavaScript.
    sample('node', pid, ['JS:*judgeAndApply file:///x.mjs:1:1', 'node::LibuvStreamWrap::OnUvRead', 'uv__read', 'uv__io_poll', 'uv_run']),
    sample('node', pid, ['Builtins_LoadIC', 'node::LibuvStreamWrap::OnUvRead', 'uv__read', 'uv__io_poll', 'uv_run']),
    // A scavenge during a read: GC first.
    sample('node', pid, ['v8::internal::ScavengerCollector::CollectGarbage', 'v8::internal::Heap::Scavenge', 'uv__read', 'uv_run']),
    // Waiting, and a frame matching nothing.
    sample('node', pid, ['finish_task_switch', 'do_epoll_wait', 'epoll_pwait', 'uv__io_poll', 'uv_run']),
    sample('node', pid, ['node::Start']),
    // Other threads are counted by name only.
    sample('node-platform', pid + 4, ['v8::internal::compiler::GraphReducer::ReduceNode']),
    sample('sqlite-ckpt', pid + 9, ['fsync', 'sqlite3_step']),
  ].join('');

  it('puts each main-thread sample in the first bucket its stack holds, and counts the other threads by name', () => {
    const split = splitPerfScript(text, pid, 2);
    expect(split.main).toBe(7);
    const by = Object.fromEntries(split.buckets);
    expect(by['SQLite (statements, WAL writes, locks)']).toBe(1);
    expect(by['socket writes (syscall and kernel)']).toBe(1);
    expect(by['socket reads: receive, check, apply (JS and kernel)']).toBe(2);
    expect(by['GC']).toBe(1);
    expect(by['waiting in epoll (syscall and kernel)']).toBe(1);
    expect(by['setImmediate callbacks: commit and relay JS']).toBe(0);
    expect(by['other']).toBe(1);
    expect(split.threads).toEqual([['node', 7], ['node-platform', 1], ['sqlite-ckpt', 1]]);
  });

  it('prints ms per second at 999 Hz and each bucket’s share of the main thread', () => {
    const lines = perfLines('t', splitPerfScript(text, pid, 2));
    // 7 samples over 2 s at 999 Hz: 3.50 ms/s.
    expect(lines[0]).toBe('t: main thread 3.50 ms/s sampled (7 samples over 2.0 s); threads: node 3.50, node-platform 0.50, sqlite-ckpt 0.50');
    expect(lines).toContain('  socket reads: receive, check, apply (JS and kernel): 1.00 ms/s, 28.6 %');
  });
});
