/**
 * A socket to a document whose stored history does not decode is closed with 4500 and a reason
 * naming the damaged place (`damagedCloseReason`), which the pane turns into words; before, it was
 * 1011 "Document could not be loaded", which the pane took for a storage fault and retried forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { damagedPlaceOf } from '../../../shared/protocol/damaged-history.js';
import { rawClient, SEEDED_SEQ, startTestServer, TOKENS, WS, type TestServer } from './support.js';
import { DAMAGED_UPDATE as DAMAGED } from '../../support/damaged-update.js';

describe('a socket to a document whose stored history is damaged', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.storage.appendUpdates({ workspace: WS, doc: 'plan-a' }, [{ update: DAMAGED, memberId: null }]);
  });
  afterAll(() => server.stop());

  it('is closed with 4500 and the damaged place in the reason, not 1011', async () => {
    const client = rawClient(server, 'plan-a', TOKENS.coordinator);
    const closed = await client.closed;
    expect(closed).toEqual({ code: CloseCode.damaged, reason: `Stored history damaged at update ${SEEDED_SEQ + 1}` });
    expect(damagedPlaceOf(closed.reason)).toEqual({ kind: 'update', seq: SEEDED_SEQ + 1 });
  });

  it('leaves a sound document of the same workspace served', async () => {
    const client = rawClient(server, 'plan-b', TOKENS.coordinator);
    await client.opened;
    await expect.poll(() => client.frames.length).toBeGreaterThan(0);
    client.ws.close();
    expect((await client.closed).code).not.toBe(CloseCode.damaged);
  });
});
