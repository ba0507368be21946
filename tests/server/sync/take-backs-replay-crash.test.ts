/**
 * A kill -9 never splits an update from the replay it owes (`room-look-back.ts`): the owner's
 * offline delete that met another unit's refused edit, taken back and dropped from memory for the
 * budget (here 100 bytes: every take-back is dropped at once), is replayed once the stored
 * take-backs are read, and that replay is stored in the update's own transaction. Before, it was a
 * second commit after the update's: a process killed between the two (here, its later writes never
 * reach storage) left the taken-back value in storage, acknowledged delete lost, nobody told; the
 * next load has nothing to redo it with (the delete was judged against the author's last sync step
 * 1, held only in memory).
 */
import type * as Y from 'yjs';
import { expect, it } from 'vitest';
import { rowsMap } from '../../../shared/doc/create.js';
import { insertRow } from '../../../shared/doc/index.js';
import { loadDoc } from '../../../server/sync/load-doc.js';
import type { AppendItem, DocRef } from '../../../server/storage/storage.js';
import { WS, eventually } from './support.js';
import { refusedEdit, silentLogger, takeBackServer } from './take-backs-fixture.js';

// Read when the first room remembers a take-back, after this file's modules are loaded.
process.env.SAMPLAN_TAKE_BACK_MEMORY_MB = '0.0001';

const { takenBack } = takeBackServer();
const ref: DocRef = { workspace: WS, doc: 'county' };

const deleteRow = (d: Y.Doc): void => void rowsMap(d).delete('r1');

it.each([
  // The owner deletes the cell B's refused edit wrote; the owner deletes the row B's refused delete removed.
  ['cell', (d: Y.Doc): void => rowsMap(d).get('r1')?.delete('measure'), refusedEdit, (d: Y.Doc): boolean => rowsMap(d).get('r1')?.has('measure') === false],
  ['row', deleteRow, deleteRow, (d: Y.Doc): boolean => !rowsMap(d).has('r1')],
] as const)("the owner's replayed delete of a %s is stored with its update: a kill -9 after that commit loses nothing", async (_what, del, refused, gone) => {
  // With a row of its own, so that the update changes something and is stored (an update of deletes alone of what is gone stores nothing but its replay).
  const { server, a } = await takenBack((d) => (del(d), void insertRow(d, { unit: 'clinic-a', measure: 'Ny rad' }, { id: 'r2' })), refused);
  type Append = (r: DocRef, items: AppendItem[]) => Promise<number>;
  const storage = server.storage as unknown as { appendUpdates: Append };
  const write = storage.appendUpdates.bind(storage) as Append;
  // The process dies right after its first commit from here on: its later writes never reach storage.
  const commits: number[] = [];
  const dead: ((err: Error) => void)[] = [];
  storage.appendUpdates = (r, items) => {
    if (items.length === 0) return write(r, items);
    commits.push(items.length);
    if (commits.length > 1) return new Promise<number>((_, reject) => void dead.push(reject));
    return write(r, items);
  };
  try {
    a.provider.connect();
    await eventually(() => server.sync.registry.withDoc(ref, (room) => gone(room.doc)), 5000, "the owner's delete replayed in the room");
    // What a process restarted on this storage loads.
    const stored = async (): Promise<boolean> => gone((await loadDoc(ref, server.storage, silentLogger)).doc);
    await eventually(stored, 3000, `the delete in storage after the kill (commits of ${commits.join(', ')} updates)`);
    // One commit: the owner's update and its replay.
    expect(commits).toEqual([2]);
    expect(rowsMap((await loadDoc(ref, server.storage, silentLogger)).doc).has('r2')).toBe(true);
    await eventually(() => gone(a.doc), 5000, 'the replay relayed to the owner');
    expect(a.notices).toEqual([]);
  } finally {
    // The writes of the dead process fail, so the server stops.
    for (const reject of dead) reject(new Error('killed'));
  }
});
