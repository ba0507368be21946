/**
 * `npm run bench` in a checkout without `bench/peers/node_modules` says what to run and stops: it
 * installs the peers (npm, with a native build) only when asked with `--install-peers`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALL_PEERS_FLAG, peersReady } from '../../bench/support/peers.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A stand-in for spawnSync that records its calls and answers `status`. */
function recorder(status: number): { calls: string[][]; run: typeof spawnSync } {
  const calls: string[][] = [];
  const run = ((cmd: string, args: string[]) => {
    calls.push([cmd, ...args]);
    return { status, pid: 0, output: [], stdout: '', stderr: '', signal: null };
  }) as unknown as typeof spawnSync;
  return { calls, run };
}

describe('bench peers', () => {
  it('stops without installing when the peers are missing, saying in words what to run', () => {
    dir = mkdtempSync(join(tmpdir(), 'samplan-peers-'));
    const { calls, run } = recorder(0);
    const lines: string[] = [];
    expect(peersReady({ install: false, dir, run, log: (l) => lines.push(l) })).toBe(false);
    expect(calls).toEqual([]);
    expect(lines.join('\n')).toContain('cd bench/peers && npm ci');
    expect(lines.join('\n')).toContain(INSTALL_PEERS_FLAG);
  });

  it('installs them with npm ci only when asked, and says so when npm fails', () => {
    dir = mkdtempSync(join(tmpdir(), 'samplan-peers-'));
    const ok = recorder(0);
    expect(peersReady({ install: true, dir, run: ok.run, log: () => {} })).toBe(true);
    expect(ok.calls).toHaveLength(1);
    expect(ok.calls[0]?.slice(1, 4)).toEqual(['ci', '--prefix', dir]);
    const failed = recorder(1);
    const lines: string[] = [];
    expect(peersReady({ install: true, dir, run: failed.run, log: (l) => lines.push(l) })).toBe(false);
    expect(lines.join('\n')).toContain('cd bench/peers && npm ci');
  });

  it('runs nothing when they are there', () => {
    dir = mkdtempSync(join(tmpdir(), 'samplan-peers-'));
    mkdirSync(join(dir, 'node_modules'));
    const { calls, run } = recorder(1);
    expect(peersReady({ install: false, dir, run })).toBe(true);
    expect(calls).toEqual([]);
  });
});
