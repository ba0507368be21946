/**
 * The workspace's event streams (`…/events`, `…/events/rounds`) end with their listener's right on
 * every process of a cluster before the route that took it answers, as its sockets do: two
 * processes on PostgreSQL and Redis, streams open on both, the right taken through REST on process
 * 0 (a token revoked, a member removed, a session signed out, and with it another session started
 * from the same access token, whose sync socket on process 1 closes too).
 *
 * The feed that also ends streams (it reads tokens and members from storage) reads only every
 * minute here (`SAMPLAN_TEST_FEED_POLL_MS`): what ends them at once is the rights change itself,
 * applied to the open streams here and replayed by the other process before it acknowledges
 * (`OpenStreams` of `stream-rights.ts`). Without it a stream on another process went on until that
 * process's next feed read (up to a second in production), and one of a signed-out session on the
 * same process too.
 */
import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../../server/auth/tokens.js';
import { SESSION_LABEL_PREFIX } from '../../../server/auth/session-label.js';
import { useCluster, type ClusterNode } from '../../support/cluster.js';
import { servicesMissing } from '../../support/services.js';
import { listenedSocket } from '../../support/listened-socket.js';
import { syncProtocols } from '../../../shared/protocol/socket-auth.js';
import { TOKENS, WS } from '../sync/seed.js';

const missing = servicesMissing();
const ADMIN = `spl_${'test-admin-'.padEnd(43, '0')}`;
const SESSION = `spl_${'test-session-'.padEnd(43, '0')}`;
/** Two sessions started from one access token (Office SSO), kept under its key as `POST /auth/session` keeps them. */
const SSO = [`spl_${'test-sso-one-'.padEnd(43, '0')}`, `spl_${'test-sso-two-'.padEnd(43, '0')}`] as const;
/** How long after the answer a stream may take to be seen ended by its client (generous: load 30). */
const SEEN_ENDED_MS = 5000;

/** An open event stream: `ended` resolves with the time (ms) its client saw it end. */
interface OpenStream {
  where: string;
  ended: Promise<number>;
  cancel(): void;
}

async function openStream(node: ClusterNode, path: string, token: string, where: string): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(`${node.url}/v1/workspaces/${WS}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  // The first event is sent once the stream is set up (its rights watched).
  const first = await reader.read();
  expect(first.done).toBe(false);
  const ended = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true }));
      if (chunk.done) return Date.now();
    }
  })();
  return { where, ended, cancel: () => controller.abort() };
}

/** The streams not seen ended within `SEEN_ENDED_MS` of `answeredAt`. */
async function stillOpen(streams: OpenStream[], answeredAt: number): Promise<string[]> {
  const late = await Promise.all(
    streams.map((s) =>
      Promise.race([s.ended.then((at) => (at - answeredAt > SEEN_ENDED_MS ? s.where : null)), new Promise<string>((r) => setTimeout(() => r(s.where), answeredAt + SEEN_ENDED_MS - Date.now()))]),
    ),
  );
  for (const s of streams) s.cancel();
  return late.filter((w): w is string => w !== null);
}

describe.skipIf(missing !== null)('event streams end with their right on every process', () => {
  const cluster = useCluster({
    db: 'streams_rights',
    nodes: 2,
    env: { SAMPLAN_TEST_FEED_POLL_MS: '60000' },
    seed: async (storage) => {
      const at = '2026-01-01T00:00:00.000Z';
      await storage.putMember({ workspace: WS, id: 'm-admin', name: 'Admin', role: 'admin', units: [] });
      await storage.putToken({ id: 't-m-admin', hash: hashSecret(ADMIN), workspace: WS, memberId: 'm-admin', label: 'Admin', createdAt: at, expiresAt: null, revokedAt: null });
      await storage.putToken({
        id: 't-session',
        hash: hashSecret(SESSION),
        workspace: WS,
        memberId: 'm-coord',
        label: `${SESSION_LABEL_PREFIX}test`,
        createdAt: at,
        expiresAt: '2099-01-01T00:00:00.000Z',
        revokedAt: null,
      });
      for (const [i, secret] of SSO.entries()) {
        const session = { id: `t-sso-${i}`, hash: hashSecret(secret), workspace: WS, memberId: 'm-coord', label: `${SESSION_LABEL_PREFIX}sso` };
        await storage.putToken({ ...session, createdAt: at, expiresAt: '2099-01-01T00:00:00.000Z', revokedAt: null });
        await storage.noteAccessTokenSession({ key: 'c3'.repeat(32), tokenId: session.id, until: '2099-01-01T00:00:00.000Z' }, at);
      }
    },
  });
  const node = cluster.node;
  const admin = (path: string, init: RequestInit): Promise<Response> =>
    fetch(`${node(0).url}/v1/workspaces/${WS}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } });

  /** Both streams of `token` on both processes. */
  const openAll = (token: string): Promise<OpenStream[]> =>
    Promise.all(
      [0, 1].flatMap((i) => [
        openStream(node(i), '/events', token, `events on process ${i}`),
        openStream(node(i), '/events/rounds', token, `rounds events on process ${i}`),
      ]),
    );

  it('ends the streams of a revoked token on every process as the revocation answers', async () => {
    const streams = await openAll(TOKENS.viewer);
    const res = await admin('/tokens', { method: 'DELETE', body: JSON.stringify({ id: 't-m-v' }) });
    const answeredAt = Date.now();
    expect(res.status).toBe(200);
    expect(await stillOpen(streams, answeredAt)).toEqual([]);
  }, 60_000);

  it('ends the streams of a removed member on every process as the removal answers', async () => {
    const streams = await openAll(TOKENS.editorA);
    const res = await admin('/members/m-a', { method: 'DELETE' });
    const answeredAt = Date.now();
    expect(res.status).toBe(200);
    expect(await stillOpen(streams, answeredAt)).toEqual([]);
  }, 60_000);

  it('ends the streams of a signed-out session on every process as the sign-out answers', async () => {
    const streams = await openAll(SESSION);
    const res = await fetch(`${node(0).url}/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${SESSION}` } });
    const answeredAt = Date.now();
    expect(res.status).toBe(200);
    expect(await stillOpen(streams, answeredAt)).toEqual([]);
  }, 60_000);

  it('ends the streams and the socket of another session of the same sign-in on every process as the sign-out answers', async () => {
    const streams = await openAll(SSO[1]);
    const socket = listenedSocket(`ws://127.0.0.1:${node(1).port}/v1/sync/${WS}/plan-a`, syncProtocols(SSO[1]));
    await socket.opened;
    const res = await fetch(`${node(0).url}/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${SSO[0]}` } });
    const answeredAt = Date.now();
    expect(res.status).toBe(200);
    expect(await stillOpen(streams, answeredAt)).toEqual([]);
    const closed = await Promise.race([socket.closed, new Promise<null>((r) => setTimeout(() => r(null), SEEN_ENDED_MS))]);
    expect(closed).toEqual({ code: 4401, reason: 'Token revoked' });
    const rest = await fetch(`${node(1).url}/v1/workspaces/${WS}`, { headers: { authorization: `Bearer ${SSO[1]}` } });
    expect(rest.status).toBe(401);
    socket.ws.terminate();
  }, 60_000);
});
