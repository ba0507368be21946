/**
 * Child process of `sqlite-journal-share.test.ts`: one store's side of sharing a journaled file,
 * run as `journal-share-child <role> <db file>`, telling what happens as lines on stdout.
 * - `owner`: owns the journal (ticks of 20 ms, no watch), writes a journal with one entry's worth
 *   of bytes (`SPJ1` and more), and prints `pause` / `resume` as its hooks run; its `pause()`
 *   takes 100 ms and then writes `<db>.paused` (so a guest can tell it returned before the guest did).
 * - `watching-owner`: the same with a tick of a minute and the folder watched (`fs.watch`).
 * - `failing-owner`: the same, but every `pause()` throws (a flush that fails), printing `pause-failed`.
 * - `guest`: joins, prints `joined` and waits to be killed.
 * - `guest-exits`: joins, prints `joined` and ends with `process.exit(0)` without releasing.
 */
import fs from 'node:fs';
import { joinJournal, ownJournal } from '../../../server/storage/sqlite-journal-share.js';

const [role, db] = process.argv.slice(2);
if (!role || !db) throw new Error('usage: journal-share-child <owner|watching-owner|failing-owner|guest|guest-exits> <db file>');
const say = (line: string): void => void fs.writeSync(1, `${line}\n`);

if (role === 'owner' || role === 'watching-owner' || role === 'failing-owner') {
  fs.writeFileSync(`${db}.journal`, Buffer.concat([Buffer.from('SPJ1', 'latin1'), Buffer.alloc(16, 1)]));
  ownJournal(
    db,
    {
      pause() {
        if (role === 'failing-owner') {
          say('pause-failed');
          throw new Error('SQLITE_FULL: database or disk is full');
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        fs.writeFileSync(`${db}.paused`, '');
        say('pause');
      },
      resume: () => say('resume'),
    },
    role === 'watching-owner' ? { tickMs: 60_000, watch: true } : { tickMs: 20, watch: false },
  );
  say('ready');
  setInterval(() => {}, 1000);
} else {
  joinJournal(db, { recover: () => say('recover'), waitMs: 5000 });
  say('joined');
  if (role === 'guest-exits') process.exit(0);
  setInterval(() => {}, 1000);
}
