/**
 * A room that loads a document writes again a kept value that lost to a stored take-back
 * (`take-back-lookback.ts`) only when its author may still write it (`authorsMayWrite` of
 * `take-back-rights.ts`): the author is the member stored with the update that holds the value,
 * asked as the member is now. Owner A's offline edit lost to B's refused edit, taken back by a
 * process that is gone (`storeLostEdit`); before the document is loaded again, A is removed or
 * moved to another unit: the take-back's value stays. Left as A is, A's edit is written again.
 */
import { expect, it } from 'vitest';
import { WS, TOKENS, eventually, startTestServer, type TestServer } from './support.js';
import { measure } from '../scale/noticed-clients.js';
import { roomMeasure, storeLostEdit, takeBackClients } from './take-backs-fixture.js';

let server: TestServer | null = null;
const { open } = takeBackClients(
  () => server?.url,
  async () => {
    await server?.stop();
    server = null;
  },
);

const REF = { workspace: WS, doc: 'county' };

it.each([
  ['left as is', async () => undefined, 'Ägarens ändring'],
  ['removed', async (s: TestServer) => void (await s.storage.deleteMember(WS, 'm-a')), 'Hälsodag'],
  ['moved to another unit', async (s: TestServer) => s.storage.putMember({ workspace: WS, id: 'm-a', name: 'Editor A', role: 'editor', units: ['clinic-b'] }), 'Hälsodag'],
])('a kept value of an owner %s before the load is written again by the load as the owner may now', async (_how, change, expected) => {
  server = await startTestServer();
  await storeLostEdit(server.storage, REF);
  await change(server);
  const reader = await open(TOKENS.viewer);
  await eventually(() => measure(reader.doc, 'ra') !== undefined, 5000, 'the row at the reader');
  expect(await roomMeasure(server, 'ra')).toBe(expected);
  expect(measure(reader.doc, 'ra')).toBe(expected);
});
