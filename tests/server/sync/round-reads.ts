/**
 * A store whose rights rounds are counted and whose rights notices are recorded, for the tests of
 * which writes start a round (`live-rights-sign-in.test.ts`, `live-rights-member-added.test.ts`),
 * and the wait until a notice was handled and its round is over.
 */
import type { ChangeHandlers, RightsNotice, Storage } from '../../../server/storage/storage.js';
import { eventually } from '../../support/eventually.js';
import { rawClient, startTestServer, TOKENS, type PerTest, type RawClient, type TestServer } from './support.js';

/** The reads of a rights round (the version, then the open sockets' tokens, members, records). */
const ROUND_READS = ['rightsVersion', 'getTokens', 'getMembers', 'getDocRecords'];

/** What the server's store was asked by rights rounds, and the rights notices it handed the server. */
export interface Seen {
  reads: number;
  inFlight: number;
  notices: (RightsNotice | null)[];
  /** When present, counts the reads of the rights version alone (`reads` counts them too). */
  versions?: number;
  /** What the store last told the server's watcher of its notices (`ChangeHandlers.listening`); absent before the first word. */
  listening?: boolean;
}

/** `inner` with the reads of a rights round counted and the rights notices its watchers get recorded, after they handled them. */
export function watched(inner: Storage, seen: Seen): Storage {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      if (prop === 'watchChanges') {
        return (handlers: ChangeHandlers, opts: unknown) =>
          (value as (h: ChangeHandlers, o: unknown) => unknown).call(
            target,
            {
              ...handlers,
              rights: (notice?: RightsNotice) => (handlers.rights(notice), seen.notices.push(notice ?? null)),
              listening: (on: boolean) => (handlers.listening(on), (seen.listening = on)),
            },
            opts,
          );
      }
      if (!ROUND_READS.includes(prop)) return value;
      return async (...args: unknown[]) => {
        seen.reads++;
        if (prop === 'rightsVersion' && seen.versions !== undefined) seen.versions++;
        seen.inFlight++;
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          seen.inFlight--;
        }
      };
    },
  });
}

/**
 * Resolves once the server's store listens for notices and the read its first `listening(true)`
 * starts is over (10 s each at the most, else throws). A write made before that is not told (a
 * PostgreSQL notice reaches only sessions listening at commit time), so a test that counts notices
 * writes after this.
 */
export async function listeningNow(seen: Seen): Promise<void> {
  await eventually(() => seen.listening === true, 10_000, 'the store listening for notices');
  await eventually(() => seen.inFlight === 0, 10_000, 'no read under way');
}

/** Resolves once more than `n` notices were handled and no read of a round is under way (10 s each at the most, else throws). */
export async function settled(seen: Seen, n: number): Promise<void> {
  await eventually(() => seen.notices.length > n, 10_000, 'the notice');
  await eventually(() => seen.inFlight === 0, 10_000, 'no read under way');
}

/**
 * A test server on `mine` (its rights rounds counted into `seen`, the poll a minute away, so what
 * reads comes from a notice), an editor's socket on plan-a and a viewer's on plan-b, open, and the
 * store listening for notices (`listeningNow`). The server and sockets go into `t`, closed after the test.
 */
export async function editorAndViewer(t: PerTest<RawClient>, mine: Storage, seen: Seen): Promise<{ editor: RawClient; viewer: RawClient }> {
  t.server = await startTestServer({ rightsPollMs: 60_000 }, { storage: watched(mine, seen) });
  const editor = rawClient(t.server as TestServer, 'plan-a', TOKENS.editorA);
  const viewer = rawClient(t.server as TestServer, 'plan-b', TOKENS.viewer);
  t.clients.push(editor, viewer);
  await Promise.all([editor.opened, viewer.opened]);
  await listeningNow(seen);
  return { editor, viewer };
}
