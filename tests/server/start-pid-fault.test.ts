/**
 * The pid file (`<db>.pid`) is the last file a start writes, once the server listens and the store
 * is open: one that cannot be written stops the start with a sentence, as the lock does, and
 * leaves nothing held — the port, the store and `<db>.lock` — so the next start, once it is fixed, serves.
 */
import type * as NodeFs from 'node:fs';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../support/services.js';

/** When set, writing a `.pid` file fails with this code (as a disk or quota that is full refuses it). */
const refusePid: { code: string | null } = { code: null };
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof NodeFs>();
  const writeFileSync = ((file: NodeFs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (refusePid.code !== null && String(file).endsWith('.pid')) throw Object.assign(new Error(`${refusePid.code}: refused, open '${String(file)}'`), { code: refusePid.code, path: String(file) });
    return (real.writeFileSync as (...args: unknown[]) => void)(file, ...rest);
  }) as typeof real.writeFileSync;
  return { ...real, writeFileSync, default: { ...real, writeFileSync } };
});

const { loadConfig } = await import('../../server/config.js');
const { startServer } = await import('../../server/serve.js');
const { checkUpdate } = await import('../../shared/validate/check-update.js');

const logger = pino({ level: 'silent' });
const dirs: string[] = [];
afterEach(() => {
  refusePid.code = null;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Whether `port` on 127.0.0.1 can be listened on now. */
const portFree = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const probe = net.createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });

describe('a pid file the start cannot write', () => {
  it.each([
    ['a used-up quota', 'EDQUOT', (db: string) => `The disk quota of the user running Samplan (${os.userInfo().username}) is used up on the disk holding the database ${db}`],
    ['a full disk', 'ENOSPC', (db: string) => `The disk holding the database ${db} is full: free some space`],
  ])('%s stops the start in words and holds nothing', async (_kind, code, words) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-pid-'));
    dirs.push(dir);
    const db = path.join(dir, 'samplan.db');
    const port = await freePort();
    const config = loadConfig({ port: String(port), host: '127.0.0.1', db, logLevel: 'silent' }, {});
    refusePid.code = code;
    await expect(startServer(config, { checkUpdate, logger })).rejects.toThrow(words(db));
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
    expect(await portFree(port)).toBe(true);
    refusePid.code = null;
    const running = await startServer(config, { checkUpdate, logger });
    expect(fs.existsSync(`${db}.pid`)).toBe(true);
    await running.stop();
  });

  it('a folder in its place stops the start naming it, and is left as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-pid-'));
    dirs.push(dir);
    const db = path.join(dir, 'samplan.db');
    fs.mkdirSync(`${db}.pid`);
    const port = await freePort();
    const config = loadConfig({ port: String(port), host: '127.0.0.1', db, logLevel: 'silent' }, {});
    await expect(startServer(config, { checkUpdate, logger })).rejects.toThrow(`${db}.pid`);
    expect(fs.statSync(`${db}.pid`).isDirectory()).toBe(true);
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
    expect(await portFree(port)).toBe(true);
  });
});
