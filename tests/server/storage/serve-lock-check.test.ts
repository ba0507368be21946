/**
 * The wait for the answer to the serving lock's liveness check (`server/storage/serve-lock-check.ts`).
 * A process busy for longer than the wait (a long synchronous step, a garbage collection) ran the
 * expired timer before it read the socket, so an answer the database had sent in time was called
 * missing: the lock was given up, writes refused and `samplan migrate`'s commit refused, the
 * database well. The answer waiting in the socket now counts; no answer still fails the check.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answeredWithin } from '../../../server/storage/serve-lock-check.js';

const opened: net.Socket[] = [];
const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A connected pair of sockets over loopback: `ours` asks, `theirs` plays the database. */
async function socketPair(): Promise<{ ours: net.Socket; theirs: net.Socket }> {
  const server = net.createServer();
  servers.push(server);
  const theirsComing = new Promise<net.Socket>((got) => server.once('connection', got));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const ours = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise<void>((connected) => ours.once('connect', connected));
  const theirs = await theirsComing;
  opened.push(ours, theirs);
  return { ours, theirs };
}

/** Keeps this process busy, reading nothing, for `ms`. */
function busyFor(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

describe('the liveness check of the serving lock waits for its answer', () => {
  it('takes an answer sent in time though this process was busy past the wait before reading it', async () => {
    const { ours, theirs } = await socketPair();
    for (let round = 0; round < 5; round++) {
      const verdict = await new Promise<string>((settled) => {
        // All in one turn: the question, the database's answer (in our socket, not yet read), and
        // a busy spell longer than the wait, as a long synchronous step of the server is.
        setImmediate(() => {
          const answer = new Promise<string>((got) => ours.once('data', (d) => got(String(d))));
          theirs.write('1');
          answeredWithin(answer, 40, 'SELECT 1').then((v) => settled(`answered ${v}`), (err: Error) => settled(err.message));
          busyFor(120);
        });
      });
      expect(verdict, `round ${round}`).toBe('answered 1');
    }
  });

  it('still calls a connection that sends nothing lost once the wait is over', async () => {
    const { ours } = await socketPair();
    const started = Date.now();
    const answer = new Promise<string>((got) => ours.once('data', (d) => got(String(d))));
    await expect(answeredWithin(answer, 60, 'SELECT 1')).rejects.toThrow('no answer to SELECT 1 within 60 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('answers as soon as the answer comes', async () => {
    const { ours, theirs } = await socketPair();
    const answer = new Promise<string>((got) => ours.once('data', (d) => got(String(d))));
    setTimeout(() => theirs.write('1'), 10);
    await expect(answeredWithin(answer, 5_000, 'SELECT 1')).resolves.toBe('1');
  });
});
