/**
 * Acknowledgements of rights changes across processes, so that a revocation, a removal or a role
 * change is in force on every server process before the REST route (or the `samplan` command)
 * that made it answers: no frame the member sends after the answer is stored anywhere.
 *
 * The process that made the change publishes it on the fan-out's common channel with an id
 * (`FanoutMessage` `rights`, field `ack`), and in the same step reads which Samplan processes are
 * live (`live-processes.ts`: a registry with leases, counting a process only while Redis holds its
 * named subscribed connection, as PUBLISH's count also counts any other subscriber of the channel
 * and misses a process whose link is down). Each server process applies
 * the change (`FanoutHandlers.rights`: the member's sockets are closed or hold the new role before
 * any later frame is read) and only then publishes `applied` with that id on the same channel.
 * The publisher waits until every live process but itself acknowledged, for at most
 * {@link ACK_BOUND_MS}; acknowledgements of others (a `samplan` command, a process of an earlier
 * version) are not needed and change nothing.
 *
 * What cannot be confirmed is said, never hidden: Redis unreachable, or a live process silent past
 * the bound (stopped but its lease not yet run out, cut from Redis, blocked), answers words
 * ({@link RightsUnconfirmed}) that the route passes on; those processes apply the change from
 * storage (at once on a notice, at the latest at their next rights poll, {@link STORAGE_POLL_S}).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { encodeFanoutMessage, type RightsChange } from '../sync/fanout.js';
import { publishToLive } from './live-processes.js';
import type { RightsUnconfirmed } from '../sync/rights.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** How long the publisher waits for every process's acknowledgement, in ms. */
export const ACK_BOUND_MS = 3000;
/**
 * The latest a process applies a change it was not told of through Redis, in seconds: its rights
 * poll's safety net while PostgreSQL tells of changes (`TOLD_POLL_MS` of `live-rights.ts`); told,
 * or polling every half second while notices are down, it is much sooner.
 */
export const STORAGE_POLL_S = 5;

/** The words when Redis is unreachable (`why`: its error, English, or null; in the English sentence only). */
export function unannounced(why: string | null): RightsUnconfirmed {
  const en = why ? ` (${why})` : '';
  return {
    sv: `Ändringen är sparad, men Redis nås inte: de andra serverprocesserna tillämpar den när de läser behörigheterna från databasen, inom ${numberText(STORAGE_POLL_S, 'sv')} sekunder.`,
    en: `The change is saved, but Redis cannot be reached${en}: the other server processes apply it when they read rights from the database, within ${numberText(STORAGE_POLL_S, 'en')} seconds.`,
  };
}

/**
 * The words for a rights change the command line stored on PostgreSQL without `--redis-url`: no
 * server confirms it, and the server serving the database alone (its serving lock) applies it on
 * PostgreSQL's notice, at once as a rule, else at its next rights read.
 */
export function unannouncedWithoutRedis(): RightsUnconfirmed {
  return {
    sv: `Ändringen är sparad. Utan --redis-url (SAMPLAN_REDIS_URL) bekräftar ingen server den: servern tillämpar den när PostgreSQL meddelar ändringen, oftast direkt, annars när den läser behörigheterna från databasen, inom ${numberText(STORAGE_POLL_S, 'sv')} sekunder; till dess kan en öppen anslutning använda den gamla behörigheten.`,
    en: `The change is saved. Without --redis-url (SAMPLAN_REDIS_URL) no server confirms it: the server applies it on PostgreSQL's notice, as a rule at once, else when it reads rights from the database, within ${numberText(STORAGE_POLL_S, 'en')} s; until then an open connection may still use the old right.`,
  };
}

/** The words when `missing` of `heard` processes did not acknowledge within the bound. */
export function unconfirmed(missing: number, heard: number): RightsUnconfirmed {
  return {
    sv: `Ändringen är sparad, men ${numberText(missing, 'sv')} av ${numberText(heard, 'sv')} andra serverprocesser bekräftade den inte inom ${numberText(ACK_BOUND_MS / 1000, 'sv')} sekunder; de tillämpar den när de läser behörigheterna från databasen, inom ${numberText(STORAGE_POLL_S, 'sv')} sekunder.`,
    en: `The change is saved, but ${numberText(missing, 'en')} of ${numberText(heard, 'en')} other server processes did not confirm it within ${numberText(ACK_BOUND_MS / 1000, 'en')} s; they apply it when they read rights from the database, within ${numberText(STORAGE_POLL_S, 'en')} s.`,
  };
}

interface Waiting {
  /** The processes that acknowledged so far. */
  from: Set<string>;
  /** The processes that must; null until the publish answered. */
  need: Set<string> | null;
  done(): void;
}

/** How many of `need` are not in `from`. */
function missingOf(need: ReadonlySet<string>, from: ReadonlySet<string>): number {
  let missing = 0;
  for (const id of need) if (!from.has(id)) missing++;
  return missing;
}

/** The changes a process published and waits for acknowledgements of. */
export class RightsAcks {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly channel: string,
    private readonly origin: string,
    private readonly boundMs = ACK_BOUND_MS,
  ) {}

  /** Process `from` applied the change published under `id` (a message `applied` heard). */
  heard(id: string, from: string): void {
    const w = this.waiting.get(id);
    if (!w) return;
    w.from.add(from);
    if (w.need !== null && missingOf(w.need, w.from) === 0) w.done();
  }

  /**
   * Publish `change` on `pub` (ready, with replies) and wait for the acknowledgements of every
   * other process live in the registry then. Resolves with null once all acknowledged, with words
   * otherwise; never rejects.
   */
  async publish(pub: Redis, change: RightsChange): Promise<RightsUnconfirmed | null> {
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    let done = (): void => undefined;
    const settled = new Promise<void>((resolve) => (done = resolve));
    // In place before the PUBLISH: an acknowledgement may come in before its answer does.
    const w: Waiting = { from: new Set(), need: null, done: () => done() };
    this.waiting.set(id, w);
    try {
      const bytes = encodeFanoutMessage({ origin: this.origin, kind: 'rights', change, ack: id });
      // The bound counts from here: a Redis that holds the PUBLISH (stalled, paused, a link that
      // drops packets) must not hold the answer longer than one that answers and a process that does not.
      timer = setTimeout(done, this.boundMs);
      let live: string[] | null;
      try {
        const published = publishToLive(pub, this.channel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), this.origin);
        published.catch(() => undefined);
        live = await Promise.race([published, settled.then(() => null)]);
      } catch (err) {
        return unannounced((err as Error).message);
      }
      if (live === null) return unannounced(`no answer to PUBLISH within ${this.boundMs / 1000} s`);
      const need = new Set(live.filter((id) => id !== this.origin));
      w.need = need;
      if (missingOf(need, w.from) === 0) return null;
      await settled;
      const missing = missingOf(need, w.from);
      return missing === 0 ? null : unconfirmed(missing, need.size);
    } finally {
      if (timer) clearTimeout(timer);
      this.waiting.delete(id);
    }
  }
}
