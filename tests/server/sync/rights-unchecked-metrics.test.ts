/**
 * A socket closed with 1013 because a process cut from the others could not read the rights
 * before its frame (`rights-fence.ts`) is counted under its own reason in `/metrics`, not as a
 * bad frame: the fault is storage's, and an alert on bad frames must not fire for it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeStateVector } from 'yjs';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { createMetrics } from '../../../server/metrics.js';
import { RIGHTS_REASONS } from '../../../server/sync/rights.js';
import { encodeSyncStep1 } from '../../../server/sync/protocol.js';
import { eventually, rawClient, startTestServer, TOKENS, type TestServer } from './support.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('a socket closed because the rights could not be read', () => {
  it('is counted as rights-unchecked in the metrics text, not as a bad frame', async () => {
    const metrics = createMetrics();
    server = await startTestServer({}, { metrics: metrics.sync });
    const client = rawClient(server, 'plan-a', TOKENS.editorA);
    await client.opened;
    client.send(encodeSyncStep1(encodeStateVector(new Y.Doc())));
    await eventually(() => client.frames.length > 0, 10_000, 'the first sync');

    // Cut from the other processes, and storage cannot tell the rights now.
    const unreadable = (): Promise<never> => Promise.reject(new Error('connection to the database lost'));
    server.storage.listTokens = unreadable;
    server.storage.listMembers = unreadable;
    server.storage.getDocRecords = unreadable;
    server.sync.registry.fence.set(true);
    client.send(encodeSyncStep1(encodeStateVector(new Y.Doc())));

    const closed = await client.closed;
    expect(closed).toEqual({ code: CloseCode.tryAgainLater, reason: RIGHTS_REASONS.unchecked });
    const text = await metrics.registry.metrics();
    expect(text).toContain('samplan_sync_frames_refused_total{reason="rights-unchecked"} 1');
    expect(text).not.toContain('reason="bad-frame"');
  }, 60_000);
});
