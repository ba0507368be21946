/**
 * A kept value written again after the stored take-backs were read (`Room.lookBackStored`) is
 * written for its author only while the author may still write it (`take-back-rights.ts`): the
 * owner's offline edit lost to another unit's refused edit, taken back and dropped from memory
 * (a budget of 100 bytes: every take-back is dropped at once, so the room reads storage, as it does
 * for a take-back whose fan-out message was lost); while the stored take-backs are read the owner
 * is removed, or moved to another unit. The edit is then not written again: the take-back's value
 * stays. So is the owner's offline delete of the cell: not replayed. (That both stand when the
 * owner may, `take-backs-budget.test.ts`.)
 */
import { expect, it } from 'vitest';
import { rowsMap } from '../../../shared/doc/create.js';
import type { TestServer } from './support.js';
import { WS, eventually } from './support.js';
import { measure } from '../scale/noticed-clients.js';
import { roomMeasure, sleep, takeBackServer } from './take-backs-fixture.js';

// Read when the first room remembers a take-back, after this file's modules are loaded.
process.env.SAMPLAN_TAKE_BACK_MEMORY_MB = '0.0001';

const { takenBack } = takeBackServer();

/** Makes `change` happen to the owner's rights while the room reads the stored take-backs; returns how many reads there were. */
function duringTheRead(server: TestServer, change: () => Promise<void>): { reads: number } {
  const storage = server.storage as unknown as { loadTakeBacks: (ref: unknown) => Promise<Uint8Array[]> };
  const read = storage.loadTakeBacks.bind(storage);
  const seen = { reads: 0 };
  storage.loadTakeBacks = async (ref) => {
    seen.reads++;
    await change();
    return read(ref);
  };
  return seen;
}

const CHANGES: [string, (server: TestServer) => Promise<void>][] = [
  [
    'removed',
    async (server: TestServer) => {
      await server.storage.deleteMember(WS, 'm-a');
      server.sync.registry.live.memberRemoved(WS, 'm-a');
    },
  ],
  [
    'moved to another unit',
    async (server: TestServer) => {
      const member = { workspace: WS, id: 'm-a', name: 'Editor A', role: 'editor' as const, units: ['clinic-b'] };
      await server.storage.putMember(member);
      server.sync.registry.live.memberChanged(member);
    },
  ],
];

it.each(CHANGES)("the owner's offline edit is not written again over the take-back when the owner was %s meanwhile", async (_how, change) => {
  const { server, a, b } = await takenBack();
  const seen = duringTheRead(server, () => change(server));
  a.provider.connect();
  await eventually(() => seen.reads > 0, 5000, 'the stored take-backs read after the edit lost');
  await sleep(500);
  expect(await roomMeasure(server)).toBe('Hälsodag');
  expect(measure(b.doc, 'r1')).toBe('Hälsodag');
});

it.each(CHANGES)("the owner's offline delete of a cell is not replayed over the take-back when the owner was %s meanwhile", async (_how, change) => {
  const { server, a, b } = await takenBack((a) => rowsMap(a).get('r1')?.delete('measure'));
  const seen = duringTheRead(server, () => change(server));
  a.provider.connect();
  await eventually(() => seen.reads > 0, 5000, 'the stored take-backs read after the delete met a dropped take-back');
  await sleep(500);
  expect(await roomMeasure(server)).toBe('Hälsodag');
  expect(measure(b.doc, 'r1')).toBe('Hälsodag');
});
