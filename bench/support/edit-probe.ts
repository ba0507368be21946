/**
 * Edits on one document while something else loads the server, run in a process of its own:
 * `node --import tsx edit-probe.ts <kind> <url> <doc> <tag> <everyMs>`. Two clients join `doc`;
 * once both are synced the process prints `READY`, then every `everyMs` one client edits a cell
 * and the time until the other has the edit is recorded. On a `stop` line it waits up to 3 s for
 * edits still under way (one still missing counts as late as the wait), prints `WORST <ms>` and
 * exits. In its own process the clients' timers and reads are not held up by the bench's other
 * clients, which share the bench process's event loop (500 of them decoding a storm's answers),
 * so the figure is the server's delay.
 */
import { createInterface } from 'node:readline';
import { insertRow, setCell } from '../../shared/doc/index.js';
import { hocuspocusFraming, plainFraming, SyncClient } from './sync-client.js';
import { forEachMarkedKey } from './marked-keys.js';

const [kind, url, doc, tag, every] = process.argv.slice(2);
if (!kind || !url || !doc || !tag || !every) throw new Error('usage: edit-probe.ts <kind> <url> <doc> <tag> <everyMs>');
const framing = kind === 'hocuspocus' ? hocuspocusFraming(doc) : plainFraming;
const writer = new SyncClient(url, framing, true);
const reader = new SyncClient(url, framing, true);
/** A client closed before it synced (an unknown document, a refused token) ends the probe with the reason, not a hang. */
let synced = false;
const refused = (c: SyncClient, who: string): Promise<void> =>
  c.closed.then(({ code, reason }) => {
    if (!synced) throw new Error(`edit probe: the ${who} was closed before it synced (${code} ${reason || 'no reason'}) on ${doc}`);
  });
await Promise.race([Promise.all([writer.synced, reader.synced]), refused(writer, 'writer'), refused(reader, 'reader')]);
synced = true;
let row = '';
writer.write((d) => (row = insertRow(d, { title: 'Hälsodag' }, { id: `${tag}-probe` })));
const sentAt = new Map<string, number>();
let worst = 0;
const marker = Buffer.from(`${tag}-e`);
reader.onRemote = (update) => {
  const now = performance.now();
  forEachMarkedKey(update, marker, (key) => {
    const t = sentAt.get(key);
    if (t === undefined) return;
    sentAt.delete(key);
    worst = Math.max(worst, now - t);
  });
};
await new Promise((r) => setTimeout(r, 200));
let n = 0;
const timer = setInterval(() => {
  const key = `${tag}-e${n++}`;
  sentAt.set(key, performance.now());
  writer.write((d) => setCell(d, row, 'comment', key));
}, Number(every));
process.stdout.write('READY\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stop') return;
  clearInterval(timer);
  void (async () => {
    const until = performance.now() + 3000;
    while (sentAt.size > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
    for (const t of sentAt.values()) worst = Math.max(worst, performance.now() - t);
    process.stdout.write(`WORST ${worst}\n`);
    writer.close();
    reader.close();
    process.exit(0);
  })();
});
