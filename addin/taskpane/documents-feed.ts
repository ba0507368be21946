/**
 * Keeps an element's document list live: reads the workspace's event stream
 * (`GET /v1/workspaces/:ws/events`, server-sent events through `fetch`, so the token stays in a
 * header) and hands every `documents` event to the host, and every `units` event to a host that
 * asks for them. A dropped stream is opened again after
 * 1 s, 2 s, 4 s … up to 30 s; a stream the server refuses (a revoked token) is not retried.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, documentListSchema, toDocumentInfo, toUnitInfo, unitListSchema, type DocumentInfo, type SamplanApi, type UnitInfo } from './api-client.js';

/** What the feed needs from its host. */
export interface FeedSource {
  api(): SamplanApi | null;
  workspace(): string | null;
  onDocuments(docs: DocumentInfo[]): void;
  /** The workspace's units, at first and after one is added or renamed. */
  onUnits?(units: UnitInfo[]): void;
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

/** The controller; it follows the host's api and workspace as they change. */
export class DocumentsFeed implements ReactiveController {
  private abort: AbortController | null = null;
  private key = '';
  private retryMs = 1000;
  private timer: ReturnType<typeof setTimeout> | null = null;
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
    if (api && workspace) void this.run(api, workspace);
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
    this.abort?.abort();
    this.abort = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(api: SamplanApi, workspace: string): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    try {
      await readEventStream(
        await api.events(workspace, abort.signal),
        (e) => this.deliver(e),
        () => (this.retryMs = 1000),
      );
    } catch (err) {
      if (abort.signal.aborted) return;
      if (err instanceof ApiError && err.kind !== 'unreachable' && err.kind !== 'server') return;
    }
    if (abort.signal.aborted || !this.connected) return;
    this.timer = setTimeout(() => void this.run(api, workspace), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }

  private deliver(e: { event: string; data: string }): void {
    if (e.event !== 'documents' && !(e.event === 'units' && this.source.onUnits)) return;
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
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
