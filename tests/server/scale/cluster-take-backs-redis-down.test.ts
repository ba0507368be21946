/**
 * Take-backs across processes while Redis is down (PostgreSQL + Redis): a take-back (the server
 * writing back the value from before a refused change, `server/sync/take-backs.ts`) made then
 * reaches the other processes only through storage, with the take-backs stored with its update.
 * Editor A owns a row and edits it offline; editor B, of another unit, changes the same cell on
 * process 1 and is refused; process 0 picks the take-back up from storage; A comes back on
 * process 0, where its edit loses to the take-back by Yjs's client-id order (A's id below B's).
 * A's edit must still stand for everyone, while Redis is down and after it is back, and also when
 * process 1, the one that made the take-back, is killed first. Stock y-websocket clients.
 */
import type * as Y from 'yjs';
import { describe, it } from 'vitest';
import { insertRow, setCells } from '../../../shared/doc/index.js';
import { rowsMap } from '../../../shared/doc/create.js';
import { useCluster } from '../../support/cluster.js';
import { eventually } from '../../support/eventually.js';
import { servicesMissing } from '../../support/services.js';
import { TOKENS } from '../sync/seed.js';
import { measure, openNoticed, type NoticedClient } from './noticed-clients.js';

const missing = servicesMissing();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** True when the measure of row `row` is no longer the item client `author` wrote: the server wrote it back. */
function writtenBack(doc: Y.Doc, row: string, author: number): boolean {
  const cell = rowsMap(doc).get(row)?._map.get('measure');
  return cell !== undefined && cell.id.client !== author;
}
/** The county's action plan: rows of every unit, each editable by its own unit's editors only. */
const DOC = 'county';

describe.skipIf(missing !== null)('take-backs across processes while Redis is down', () => {
  const cluster = useCluster({ db: 'take_backs_redis_down', nodes: 3 });
  const node = cluster.node;

  /** A stock client of the county plan on process `at` (its doc's client id `clientID` when given) that keeps its notices; resolves once synced. */
  async function open(at: number, token: string, clientID?: number): Promise<NoticedClient> {
    return openNoticed(node(at).port, DOC, token, cluster.providers, clientID);
  }

  it("the owner's offline edit stands over a refused edit taken back on another process while Redis was down, before and after Redis returns", async () => {
    const row = 'rz';
    const owner = 'Ägarens ändring';
    const a = await open(0, TOKENS.editorA, 700);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: row });
    const b = await open(1, TOKENS.editorB, 800);
    await eventually(() => measure(b.doc, row) === 'Hälsodag', 5000, 'B sees the row');
    a.provider.disconnect();
    setCells(a.doc, row, { measure: owner });
    await cluster.redis.stop();
    try {
      setCells(b.doc, row, { measure: 'Övertagen' });
      await eventually(() => b.notices.length === 1 && measure(b.doc, row) === 'Hälsodag', 8000, 'B refused and taken back');
      // Process 0 holds the take-back, from storage, before A's edit arrives there.
      const reader = await open(0, TOKENS.viewer);
      await eventually(() => writtenBack(reader.doc, row, 700) && measure(reader.doc, row) === 'Hälsodag', 15_000, 'process 0 holds the take-back');
      a.provider.connect();
      const all = [a, b, reader];
      await eventually(() => all.every((c) => measure(c.doc, row) === owner), 15_000, "A's edit stands for A, B and the reader while Redis is down");
    } finally {
      await cluster.redis.start();
    }
    const late = await open(2, TOKENS.viewer);
    await eventually(() => measure(late.doc, row) === owner, 10_000, "A's edit stands for a reader on a third process after Redis is back");
    await sleep(500);
    for (const c of [a, b, late]) if (measure(c.doc, row) !== owner) throw new Error(`a client holds ${String(measure(c.doc, row))}`);
  }, 90_000);

  it("the owner's offline edit stands on a process that read the take-back from storage while Redis was down, after the process that made it is killed", async () => {
    const row = 'ry';
    const owner = 'Ägarens ändring';
    // Process 0 holds the document throughout: it learns of the take-back only through storage.
    const keeper = await open(0, TOKENS.viewer);
    const a = await open(0, TOKENS.editorA, 710);
    insertRow(a.doc, { unit: 'clinic-a', measure: 'Hälsodag' }, { id: row });
    const b = await open(1, TOKENS.editorB, 810);
    await eventually(() => measure(b.doc, row) === 'Hälsodag', 5000, 'B sees the row');
    a.provider.disconnect();
    setCells(a.doc, row, { measure: owner });
    await cluster.redis.stop();
    try {
      setCells(b.doc, row, { measure: 'Övertagen' });
      await eventually(() => b.notices.length === 1 && measure(b.doc, row) === 'Hälsodag', 8000, 'B refused and taken back');
      await eventually(() => writtenBack(keeper.doc, row, 710) && measure(keeper.doc, row) === 'Hälsodag', 15_000, 'process 0 holds the take-back');
      // Nobody else remembers it now; A's edit loses to it on process 0 by Yjs's order (A's id below B's).
      await node(1).kill();
      a.provider.connect();
      await eventually(() => [a, keeper].every((c) => measure(c.doc, row) === owner), 15_000, `A's edit stands (A ${String(measure(a.doc, row))}, process 0 ${String(measure(keeper.doc, row))})`);
    } finally {
      await cluster.redis.start();
    }
    const late = await open(2, TOKENS.viewer);
    await eventually(() => measure(late.doc, row) === owner, 10_000, "A's edit stands for a reader on a third process");
  }, 90_000);
});
