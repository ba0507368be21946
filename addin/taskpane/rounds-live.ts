/**
 * The workspace's follow-up rounds, live: one server-sent event stream per server, credential and
 * workspace (`GET /v1/workspaces/:ws/events/rounds`, read with `fetch` so the token stays in a
 * header), shared by everyone in the pane who needs it — the Follow-up view redraws from it, the
 * open documents lock and unlock the rows of approved rounds (`round-row-locks.ts`), and pulled
 * completeness and roll-up tables fetch again when the documents they count are written
 * (`round-data` events). The stream
 * opens with the first user and closes with the last; a dropped stream is opened again after 1 s,
 * 2 s, 4 s … up to 30 s; one the server refuses (a revoked token, 403, 404) is not retried, and
 * its holders are told ({@link RoundsWatch.onEnded}) so that nothing goes on claiming to be live.
 */
import { z } from 'zod';
import { closedRoundSchema, ROUND_STATUSES, storedRoundDefSchema, type ClosedRound, type RoundDef, type RoundStatus } from '../../shared/rounds/model.js';
import { readEventStream } from './documents-feed.js';

/** One unit's status in one round, as the stream gives it. */
export interface RoundStatusInfo {
  round: string;
  unit: string;
  status: RoundStatus;
  reason: string | null;
}

/** The rounds, every unit's status and the closed rounds (what `GET …/rounds` answers). */
export interface RoundsSnapshot {
  rounds: RoundDef[];
  statuses: RoundStatusInfo[];
  /** The closed rounds: id, who closed it, when; empty from a server before closing existed. */
  closed?: ClosedRound[] | undefined;
}

const snapshotSchema = z.object({
  rounds: z.array(storedRoundDefSchema),
  statuses: z.array(z.object({ round: z.string(), unit: z.string(), status: z.enum(ROUND_STATUSES), reason: z.string().nullable() })),
  closed: z.array(closedRoundSchema).default([]),
});

/** The live rounds as their users read them. */
export interface RoundsLive {
  /** The last rounds received; null before the first. */
  readonly current: RoundsSnapshot | null;
  /** Call `listener` with every new snapshot; returns the stop. */
  subscribe(listener: (snapshot: RoundsSnapshot) => void): () => void;
}

/** A user's hold on a stream; `release` when done (the last release closes it). */
export interface RoundsWatch extends RoundsLive {
  /** Call `listener` with the ids of documents completeness and the roll-up read, each time some are written; returns the stop. */
  subscribeData(listener: (docs: string[]) => void): () => void;
  /**
   * The HTTP status (401, 403 or 404) the server refused the stream with for good; null while it is
   * live or being opened again. Nothing more arrives after it.
   */
  readonly ended: number | null;
  /** Call `listener` once with the status when the stream ends for good (at once if it has); returns the stop. */
  onEnded(listener: (status: number) => void): () => void;
  release(): void;
}

const dataSchema = z.object({ docs: z.array(z.string()) });

/** Statuses after which the server will refuse the stream again. */
const FINAL = new Set([401, 403, 404]);

class RoundsStream implements RoundsLive {
  current: RoundsSnapshot | null = null;
  ended: number | null = null;
  users = 0;
  private readonly endedListeners = new Set<(status: number) => void>();
  private readonly listeners = new Set<(s: RoundsSnapshot) => void>();
  private readonly dataListeners = new Set<(docs: string[]) => void>();
  private abort: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = 1000;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch,
  ) {}

  subscribe(listener: (s: RoundsSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  subscribeData(listener: (docs: string[]) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onEnded(listener: (status: number) => void): () => void {
    if (this.ended !== null) {
      listener(this.ended);
      return () => undefined;
    }
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.abort?.abort();
    this.abort = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    try {
      const res = await this.fetchImpl(this.url, { headers: { authorization: `Bearer ${this.token}` }, signal: abort.signal });
      if (FINAL.has(res.status)) {
        this.ended = res.status;
        for (const l of [...this.endedListeners]) l(res.status);
        this.endedListeners.clear();
        return;
      }
      if (!res.ok || !res.body) throw new Error(`status ${res.status}`);
      await readEventStream(
        res.body,
        (e) => {
          if (e.event === 'rounds') this.deliver(e.data);
          else if (e.event === 'round-data') this.deliverData(e.data);
        },
        () => (this.retryMs = 1000),
      );
    } catch {
      if (abort.signal.aborted) return;
    }
    if (abort.signal.aborted || this.users === 0) return;
    this.timer = setTimeout(() => void this.run(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }

  private deliverData(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = dataSchema.safeParse(json);
    if (!parsed.success) return;
    for (const l of [...this.dataListeners]) l(parsed.data.docs);
  }

  private deliver(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = snapshotSchema.safeParse(json);
    if (!parsed.success) return;
    this.current = parsed.data;
    for (const l of [...this.listeners]) l(parsed.data);
  }
}

const streams = new Map<string, RoundsStream>();

/**
 * Hold the live rounds of `workspace` on `serverUrl` with `token`; every holder of the same three
 * shares one stream.
 *
 * @example
 * const watch = watchRounds('https://samplan.region.se', token, 'hbi-stockholm');
 * const stop = watch.subscribe((s) => console.log(s.statuses.length));
 * // … later
 * stop();
 * watch.release();
 */
export function watchRounds(serverUrl: string, token: string, workspace: string, fetchImpl: typeof fetch = (i, init) => globalThis.fetch(i, init)): RoundsWatch {
  const key = `${serverUrl}\u0000${token}\u0000${workspace}`;
  let stream = streams.get(key);
  if (!stream) {
    stream = new RoundsStream(`${serverUrl}/v1/workspaces/${encodeURIComponent(workspace)}/events/rounds`, token, fetchImpl);
    streams.set(key, stream);
  }
  const held = stream;
  if (held.users++ === 0) held.start();
  let released = false;
  return {
    get current() {
      return held.current;
    },
    get ended() {
      return held.ended;
    },
    subscribe: (listener) => held.subscribe(listener),
    onEnded: (listener) => held.onEnded(listener),
    subscribeData: (listener) => held.subscribeData(listener),
    release() {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      held.stop();
      streams.delete(key);
    },
  };
}
