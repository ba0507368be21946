/**
 * Keeps an element's document list live: reads the workspace's event stream
 * (`GET /v1/workspaces/:ws/events`, server-sent events through `fetch`, so the token stays in a
 * header) and hands every `documents` event to the host, and every `units` event (the workspace's
 * units) and `you` event (the member's own role and units) to a host that asks for them. The
 * feeds of one pane share one stream per workspace (see {@link joinStream}). A dropped stream is
 * opened again after 1 s, 2 s, 4 s … up to 30 s; a stream the server refuses (a revoked token) is
 * not retried.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, documentListSchema, toDocumentInfo, toMe, toUnitInfo, unitListSchema, youEventSchema, type DocumentInfo, type Me, type SamplanApi, type UnitInfo } from './api-client.js';

/** What the feed needs from its host. */
export interface FeedSource {
  api(): SamplanApi | null;
  workspace(): string | null;
  onDocuments(docs: DocumentInfo[]): void;
  /** The workspace's units, at first and after one is added or renamed. */
  onUnits?(units: UnitInfo[]): void;
  /** The member's name, role and units, at first and after an admin changed them. */
  onYou?(me: Me): void;
}

/** The data lines of each complete event in `text`, and what is left over. */
export function parseEvents(text: string): { events: StreamEvent[]; rest: string } {
  const events: StreamEvent[] = [];
  const blocks = text.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/** One server-sent event: its name (`message` when unnamed) and its data lines joined. */
export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` body to its end: `each` gets every complete event in order,
 * `received` is called for every chunk (the stream is alive). Resolves when the server ends the
 * stream; rejects as the reader does (an abort, a dropped connection).
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, each: (e: StreamEvent) => void, received: () => void = () => {}): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    received();
    const parsed = parseEvents(buffer + decoder.decode(value, { stream: true }));
    buffer = parsed.rest;
    for (const e of parsed.events) each(e);
  }
}

/**
 * One event stream of a workspace, shared by every feed of the pane that reads it (the session,
 * the Explorer, pulled tables), so a pane holds one connection for it, not one per view: browsers
 * allow six at a time per server, and the playground shows two panes. The last event of each name
 * is kept and handed to a feed that joins later, as the server hands the lists to a new stream.
 */
interface SharedStream {
  listeners: Set<(e: StreamEvent) => void>;
  last: Map<string, StreamEvent>;
  abort: AbortController | null;
  timer: ReturnType<typeof setTimeout> | null;
  retryMs: number;
}

const streams = new Map<string, SharedStream>();

/** Reads `key`'s stream into `shared` until it is left; a dropped stream is read again with backoff. */
async function runShared(key: string, shared: SharedStream, api: SamplanApi, workspace: string): Promise<void> {
  const abort = new AbortController();
  shared.abort = abort;
  try {
    await readEventStream(
      await api.events(workspace, abort.signal),
      (e) => {
        shared.last.set(e.event, e);
        for (const listener of shared.listeners) listener(e);
      },
      () => (shared.retryMs = 1000),
    );
  } catch (err) {
    if (abort.signal.aborted) return;
    if (err instanceof ApiError && err.kind !== 'unreachable' && err.kind !== 'server') {
      // Refused for good (a revoked token): a feed that joins later asks again.
      if (streams.get(key) === shared) streams.delete(key);
      return;
    }
  }
  if (abort.signal.aborted || streams.get(key) !== shared) return;
  shared.timer = setTimeout(() => void runShared(key, shared, api, workspace), shared.retryMs);
  shared.retryMs = Math.min(shared.retryMs * 2, 30_000);
}

/** Joins the stream of `workspace` at `api`'s server (opening it for the first feed); returns how to leave it. */
function joinStream(api: SamplanApi, workspace: string, listener: (e: StreamEvent) => void): () => void {
  const key = `${api.serverUrl}|${api.token}|${workspace}`;
  let shared = streams.get(key);
  if (!shared) {
    const created: SharedStream = { listeners: new Set(), last: new Map(), abort: null, timer: null, retryMs: 1000 };
    streams.set(key, (shared = created));
    void runShared(key, created, api, workspace);
  } else {
    const known = [...shared.last.values()];
    queueMicrotask(() => known.forEach(listener));
  }
  const joined = shared;
  joined.listeners.add(listener);
  return () => {
    joined.listeners.delete(listener);
    if (joined.listeners.size > 0) return;
    joined.abort?.abort();
    if (joined.timer) clearTimeout(joined.timer);
    if (streams.get(key) === joined) streams.delete(key);
  };
}

/** The controller; it follows the host's api and workspace as they change. */
export class DocumentsFeed implements ReactiveController {
  private leave: (() => void) | null = null;
  private key = '';
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: FeedSource,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.connected) return;
    const api = this.source.api();
    const workspace = this.source.workspace();
    const key = api && workspace ? `${api.serverUrl}|${api.token}|${workspace}` : '';
    if (key === this.key) return;
    this.stop();
    this.key = key;
    if (api && workspace) this.leave = joinStream(api, workspace, (e) => this.deliver(e));
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
    this.key = '';
  }

  private stop(): void {
    this.leave?.();
    this.leave = null;
  }

  private deliver(e: { event: string; data: string }): void {
    if (e.event !== 'documents' && !(e.event === 'units' && this.source.onUnits) && !(e.event === 'you' && this.source.onYou)) return;
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
      return;
    }
    if (e.event === 'you') {
      const you = youEventSchema.safeParse(json);
      if (you.success) this.source.onYou?.(toMe(you.data.you));
      return;
    }
    if (e.event === 'units') {
      const units = unitListSchema.safeParse(json);
      if (units.success) this.source.onUnits?.(units.data.units.map(toUnitInfo));
      return;
    }
    const parsed = documentListSchema.safeParse(json);
    if (parsed.success) this.source.onDocuments(parsed.data.documents.map(toDocumentInfo));
  }
}
