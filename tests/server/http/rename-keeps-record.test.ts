/**
 * A rename over REST writes the document's title, and only that, into its record. The route read
 * the record, then stored `{ ...record, title }` with the title's update: an owner unit or kind
 * stored between that read and the append (a move to another unit by another process, the
 * `samplan` commands) was written back to the one read, the move undone without a word. Now the
 * append takes only the title over the record as stored in its transaction (`appendedRecord`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { beforeRecordAppend } from './before-record-append.js';
import { makeFixture, WS, type Fixture } from './support.js';

const ref = { workspace: WS, doc: 'plan-a' };

/** At the first append carrying a record, the document moved to unit `vc-b` just before it. */
const movedBeforeAppend = beforeRecordAppend(async (storage) => {
  const stored = await storage.getDocRecord(ref);
  if (stored) await storage.putDocRecord({ ...stored, ownerUnit: 'vc-b' });
});

describe('a rename over REST and a record change stored while it is written', () => {
  let f: Fixture;
  afterEach(async () => f.close());

  it('keeps the owner unit stored between the rename’s read of the record and its append, and takes the title', async () => {
    f = await makeFixture({ wrap: movedBeforeAppend });
    const res = await f.req(`/v1/workspaces/${WS}/documents/${ref.doc}`, f.tokens.admin, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Aktivitetsplan 2027' }),
    });
    expect(res.status).toBe(200);
    expect(await f.storage.getDocRecord(ref)).toMatchObject({ title: 'Aktivitetsplan 2027', ownerUnit: 'vc-b', kind: 'activity-plan' });
    // The answer tells the record as stored, move and rename both.
    expect(((await res.json()) as { document: { ownerUnit: string; title: string } }).document).toMatchObject({ title: 'Aktivitetsplan 2027', ownerUnit: 'vc-b' });
  });
});
