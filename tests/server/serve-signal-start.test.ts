/**
 * `samplan serve` stopped by SIGTERM or SIGINT while it starts (its database locked, the demo being
 * seeded, before the banner) leaves no `<db>.lock` or `<db>.pid` behind: the handlers were put in
 * place only once the start was done, so such a signal ended the process without the shutdown
 * (`timeout 40 samplan serve --demo` on a loaded machine). One while the demo is seeded was acted on
 * only once the whole seed was written: it stops the seeding at its next step. A lock a killed
 * server left (SIGKILL) is taken as stale by the next start, which says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeCommand } from '../support/compiled.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-serve-signal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `samplan serve` on `db` (`--demo` unless `demo` is false: its seeding keeps the start going a while), its output gathered. */
async function serve(db: string, demo = true): Promise<{ child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> }> {
  const [node, args] = await nodeCommand(join(process.cwd(), 'server', 'cli.ts'));
  const child = spawn(node, [...args, 'serve', ...(demo ? ['--demo'] : []), '--db', db, '--port', '0', '--lang', 'en', '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, out: () => out, err: () => err, exit };
}

/** Resolves once `file` is there (polled every 5 ms), rejects after `ms`. */
async function appears(file: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`${file} did not appear`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('samplan serve: a stop signal while it starts', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s once the database is locked: stops cleanly, no lock, pid or notice file left', async (signal) => {
    const db = join(dir, `${signal}.db`);
    const s = await serve(db);
    await appears(`${db}.lock`);
    s.child.kill(signal);
    expect(await s.exit, s.err()).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith(`${signal}.db`) && /\.(lock|pid|notice)$/.test(f))).toEqual([]);
  }, 90_000);

  it('SIGTERM while the demo is seeded: the seeding stops at its next step, nothing left behind, no workspace half made', async () => {
    const db = join(dir, 'seeding.db');
    const s = await serve(db);
    // The seeding starts once the server listens, which its log (stdout) says.
    const until = Date.now() + 60_000;
    while (!s.out().includes('"msg":"listening"')) {
      if (Date.now() > until) throw new Error(`no listening line: ${s.err()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    s.child.kill('SIGTERM');
    expect(await s.exit, s.err()).toBe(0);
    expect(s.out()).toContain('stop asked for while starting');
    expect(s.out()).not.toContain('demo workspace created');
    expect(s.out()).not.toContain('Samplan is running at');
    expect(readdirSync(dir).filter((f) => f.startsWith('seeding.db') && /\.(lock|pid|notice)$|-(wal|shm)$/.test(f))).toEqual([]);
  }, 90_000);

  it('SIGKILL leaves the lock; the next start takes it as stale and says so', async () => {
    const db = join(dir, 'killed.db');
    const first = await serve(db, false);
    await appears(`${db}.pid`);
    first.child.kill('SIGKILL');
    await first.exit;
    expect(existsSync(`${db}.lock`)).toBe(true);
    const next = await serve(db, false);
    await appears(`${db}.pid`);
    while (!next.out().includes('Samplan is running at')) await new Promise((r) => setTimeout(r, 20));
    next.child.kill('SIGTERM');
    expect(await next.exit).toBe(0);
    // The server's log (stdout) says it in words: whose lock, and that it no longer runs.
    expect(next.out()).toContain(`took over the lock ${db}.lock of the database, left behind by process ${first.child.pid}, which no longer runs`);
  }, 120_000);
});
