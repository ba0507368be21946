import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinJournal, journalSharePath, ownJournal, type JournalOwnership } from '../../../server/storage/sqlite-journal-share.js';
import { nodeCommand } from '../../support/compiled.js';

let dir: string;
let db: string;
const children: ChildProcess[] = [];
const ownerships: JournalOwnership[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-journal-share-'));
  db = path.join(dir, 'samplan.db');
});

afterEach(() => {
  for (const o of ownerships.splice(0)) o.close();
  for (const c of children.splice(0)) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Hooks that log what the owner was told to do. */
function logged(): { calls: string[]; hooks: { pause(): void; resume(): void } } {
  const calls: string[] = [];
  return { calls, hooks: { pause: () => void calls.push('pause'), resume: () => void calls.push('resume') } };
}

function own(hooks: { pause(): void; resume(): void }, opts: Parameters<typeof ownJournal>[2] = {}): JournalOwnership {
  const o = ownJournal(db, hooks, { tickMs: 20, watch: false, ...opts });
  ownerships.push(o);
  return o;
}

/** A child (`journal-share-child.ts`) in `role` on `db`, with the lines it has printed so far. */
async function child(role: string): Promise<{ proc: ChildProcess; lines: string[]; until: (line: string) => Promise<void>; exited: Promise<void> }> {
  const [node, script] = await nodeCommand(fileURLToPath(new URL('./journal-share-child.ts', import.meta.url)));
  const proc = spawn(node, [...script, role, db], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  const lines: string[] = [];
  const waiting: { line: string; done: () => void }[] = [];
  let buffered = '';
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const got = buffered.split('\n');
    buffered = got.pop() ?? '';
    lines.push(...got);
    for (const w of waiting.filter((x) => lines.includes(x.line))) w.done();
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const until = (line: string): Promise<void> => (lines.includes(line) ? Promise.resolve() : new Promise((done) => waiting.push({ line, done })));
  return { proc, lines, until, exited };
}

const shareFiles = (): string[] => (fs.existsSync(journalSharePath(db)) ? fs.readdirSync(journalSharePath(db)) : []);
const settle = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('sqlite-journal-share', () => {
  it('pauses an owner of this process at once, and resumes it when the last of two guests leaves, in either order', () => {
    for (const order of [[0, 1], [1, 0]] as const) {
      const { calls, hooks } = logged();
      const owner = own(hooks);
      const guests = [joinJournal(db, { recover: () => calls.push('recover') }), null];
      expect(calls).toEqual(['pause']);
      expect(owner.paused).toBe(true);
      guests[1] = joinJournal(db, { recover: () => calls.push('recover') });
      expect(calls).toEqual(['pause']);
      guests[order[0]]?.release();
      expect(calls).toEqual(['pause']);
      guests[order[1]]?.release();
      expect(calls).toEqual(['pause', 'resume']);
      expect(owner.paused).toBe(false);
      owner.close();
      expect(fs.existsSync(journalSharePath(db))).toBe(false);
    }
  });

  it('has a guest wait until an owner in another process has flushed and paused: about one tick, or less while the folder is watched', async () => {
    for (const role of ['owner', 'watching-owner']) {
      const owner = await child(role);
      await owner.until('ready');
      const started = performance.now();
      let recovered = 0;
      const guest = joinJournal(db, { recover: () => recovered++ });
      const waited = performance.now() - started;
      // The owner's pause takes 100 ms and writes this file before it returns.
      expect(fs.existsSync(`${db}.paused`)).toBe(true);
      expect(recovered).toBe(0);
      console.info(`${role} (${role === 'owner' ? 'a tick of 20 ms' : 'a tick of a minute, watching'}), pause of 100 ms: the guest waited ${waited.toFixed(1)} ms`);
      guest.release();
      await owner.until('resume');
      expect(owner.lines).toEqual(['ready', 'pause', 'resume']);
      owner.proc.kill('SIGKILL');
      await owner.exited;
      fs.rmSync(`${db}.paused`);
    }
  }, 30_000);

  it('keeps a guest waiting while the owner cannot pause, refuses it in words naming the file, and the owner tries again', async () => {
    const owner = await child('failing-owner');
    await owner.until('ready');
    expect(() => joinJournal(db, { recover: () => {}, waitMs: 300 })).toThrow(new RegExp(`journals ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} did not write its journal into the database within 0.3 s`));
    // Printed while this process waited: read once the event loop runs again.
    const failed = (): number => owner.lines.filter((l) => l === 'pause-failed').length;
    await settle(() => failed() > 2);
    expect(failed()).toBeGreaterThan(2);
    expect(shareFiles().filter((f) => f.endsWith('.ack'))).toEqual([]);
  }, 30_000);

  it('notices a guest that was killed, removes its request and resumes', async () => {
    const { calls, hooks } = logged();
    own(hooks);
    const guest = await child('guest');
    await guest.until('joined');
    expect(calls).toEqual(['pause']);
    expect(shareFiles().filter((f) => f.startsWith('guest.'))).toHaveLength(2);
    guest.proc.kill('SIGKILL');
    await guest.exited;
    await settle(() => calls.length === 2);
    expect(calls).toEqual(['pause', 'resume']);
    expect(shareFiles().filter((f) => f.startsWith('guest.'))).toEqual([]);
  }, 30_000);

  it('recovers a journal a killed owner left, removes its files, and lets a new owner start', async () => {
    const owner = await child('owner');
    await owner.until('ready');
    owner.proc.kill('SIGKILL');
    await owner.exited;
    let recovered = 0;
    const guest = joinJournal(db, { recover: () => recovered++, waitMs: 1000 });
    expect(recovered).toBe(1);
    expect(shareFiles().filter((f) => f.startsWith('owner.'))).toEqual([]);
    guest.release();
    const { calls, hooks } = logged();
    own(hooks).close();
    expect(calls).toEqual([]);
  }, 30_000);

  it('returns at once with no owner and no journal, recovering nothing, and leaves no folder', () => {
    let recovered = 0;
    const took: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      joinJournal(db, { recover: () => recovered++ }).release();
      took.push((performance.now() - started) * 1000);
    }
    console.info(`join and release with no owner: ${took.map((t) => t.toFixed(0)).join(' ')} µs`);
    expect(recovered).toBe(0);
    expect(fs.existsSync(journalSharePath(db))).toBe(false);
    joinJournal(':memory:', { recover: () => recovered++ }).release();
    expect(fs.existsSync(journalSharePath(':memory:'))).toBe(false);
  });

  it('pauses an owner that starts between a guest making its request and looking, before the owner journals anything', () => {
    const { calls, hooks } = logged();
    let owner: JournalOwnership | null = null;
    const guest = joinJournal(db, {
      recover: () => calls.push('recover'),
      beforeLook: () => {
        owner = own(hooks);
        calls.push('owner started');
      },
    });
    expect(calls).toEqual(['pause', 'owner started']);
    guest.release();
    expect(calls).toEqual(['pause', 'owner started', 'resume']);
    expect(owner).not.toBeNull();
  });

  it('is seen by a guest that comes between the owner making its file and looking', () => {
    const { calls, hooks } = logged();
    let guest: { release(): void } | null = null;
    const owner = own(hooks, { beforeLook: () => void (guest = joinJournal(db, { recover: () => calls.push('recover') })) });
    expect(calls).toEqual(['pause']);
    expect(owner.paused).toBe(true);
    (guest as { release(): void } | null)?.release();
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('pauses for a guest of another process that came before the owner, at the owner\'s start', async () => {
    const guest = await child('guest');
    await guest.until('joined');
    const { calls, hooks } = logged();
    const owner = own(hooks);
    expect(calls).toEqual(['pause']);
    expect(owner.paused).toBe(true);
  }, 30_000);

  it('removes the request of a guest whose process exits without releasing', async () => {
    const guest = await child('guest-exits');
    await guest.exited;
    expect(guest.lines).toEqual(['joined']);
    expect(shareFiles()).toEqual([]);
  }, 30_000);
});
