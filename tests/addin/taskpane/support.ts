/**
 * Helpers for the pane's component tests: mount an element and wait for it to render, reach
 * into shadow roots, a fake server answering `fetch` from a route table (and its answers to a
 * sign-in), and a host for a reactive controller tested outside an element.
 */
import type { LitElement, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import type { CrossRefs } from '../../../shared/validate/cross-refs.js';
import type { Problem } from '../../../shared/validate/problem.js';
import type { AwarenessLike, BindingHandle, EnginePorts, SyncHandle, SyncState } from '../../../addin/taskpane/ports.js';
import type { UnownedMemory } from '../../../addin/taskpane/unowned-memory.js';
import { periodsNow } from '../../../addin/excel/sheet/list-sheet.js';

/** Creates `<tag>`, sets `props`, attaches it to the document and waits for its first render. */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  document.body.append(el);
  await (el as unknown as LitElement).updateComplete;
  return el;
}

/** Waits until `check` passes (re-rendering in between), or fails after `timeoutMs`. */
export async function until(check: () => boolean | unknown, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (check()) return;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `querySelector` inside an element's shadow root. */
export function $<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  return el.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** `querySelectorAll` inside an element's shadow root. */
export function $$<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** The visible text of an element's shadow root, whitespace collapsed. */
export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** One answer of the fake server: status and JSON body (or a function of the request). */
export type FakeAnswer = { status?: number; body: unknown } | ((init: RequestInit | undefined, url: URL) => { status?: number; body: unknown });

/** A `fetch` that answers `METHOD /path` from `routes`, records calls, and 404s otherwise. */
export function fakeFetch(routes: Record<string, FakeAnswer>) {
  const calls: { method: string; path: string; body: unknown; authorization: string | null }[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    calls.push({ method, path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : null, authorization: headers.get('authorization') });
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return Response.json({ error: { code: 'not-found', message: 'no route', details: null } }, { status: 404 });
    const answer = typeof route === 'function' ? route(init, url) : route;
    return Response.json(answer.body, { status: answer.status ?? 200 });
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

/**
 * The server's answers to a sign-in of Anna Andersson, editor at Tensta vårdcentral in the
 * workspace `hbi-stockholm` (Region Stockholm): her workspaces, and the workspace with her and
 * its units. Routes for {@link fakeFetch}.
 */
export const SIGN_IN_ROUTES: Readonly<Record<string, FakeAnswer>> = {
  'GET /v1/workspaces': { body: { workspaces: [{ id: 'hbi-stockholm', name: 'Region Stockholm', role: 'editor', units: ['tensta'], memberId: 'anna' }] } },
  'GET /v1/workspaces/hbi-stockholm': {
    body: {
      id: 'hbi-stockholm',
      you: { memberId: 'anna', name: 'Anna Andersson', role: 'editor', units: ['tensta'] },
      units: [{ code: 'tensta', name: 'Tensta vårdcentral', parent: 'sll' }],
    },
  },
};

/** A host for a reactive controller tested outside an element: it keeps no controllers and counts in `updates` the updates asked for. */
export function fakeHost(): ReactiveControllerHost & { updates: number } {
  const host = {
    updates: 0,
    addController() {},
    removeController() {},
    requestUpdate() {
      host.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
  return host;
}

/** A controllable fake of one document's connection. */
export class FakeSync implements SyncHandle {
  current: SyncState = { status: 'online', pending: 0, refusal: null, closeCode: null };
  private readonly listeners = new Set<() => void>();
  destroyed = false;
  online = true;
  /** The answer to a copy with no owner, when a test gives one. */
  answerUnownedCopy?: (mine: boolean) => Promise<void>;
  /** "Fråga igen" after a copy's edits were left, when a test gives it. */
  askUnownedAgain?: () => Promise<void>;
  constructor(readonly awareness: AwarenessLike | null = null) {}
  setOnline(online: boolean): void {
    this.online = online;
    this.set({ status: online ? 'connecting' : 'offline' });
  }
  state(): SyncState {
    return this.current;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(patch: Partial<SyncState>): void {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l();
  }
  private readonly docStateListeners = new Set<(state: { archivedAt: string | null; archivedBy: string | null }) => void>();
  onDocState(listener: (state: { archivedAt: string | null; archivedBy: string | null }) => void): () => void {
    this.docStateListeners.add(listener);
    return () => this.docStateListeners.delete(listener);
  }
  /** The server says the document was archived or restored. */
  docState(state: { archivedAt: string | null; archivedBy: string | null }): void {
    for (const l of this.docStateListeners) l(state);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** A fake awareness with a fixed client id and settable peers. */
export class FakeAwareness implements AwarenessLike {
  readonly states = new Map<number, Record<string, unknown>>();
  private readonly listeners = new Set<() => void>();
  constructor(readonly clientID: number) {
    this.states.set(clientID, {});
  }
  getStates() {
    return this.states;
  }
  setLocalStateField(field: string, value: unknown): void {
    this.states.set(this.clientID, { ...this.states.get(this.clientID), [field]: value });
    this.emit();
  }
  setPeer(id: number, state: Record<string, unknown>): void {
    this.states.set(id, state);
    this.emit();
  }
  on(_e: 'change', l: () => void): void {
    this.listeners.add(l);
  }
  off(_e: 'change', l: () => void): void {
    this.listeners.delete(l);
  }
  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** Fake engines recording what the workbench asked of them. */
export function fakePorts() {
  const record = {
    connects: [] as { workspace: string; docId: string; token: string; doc: Y.Doc; sync: FakeSync; member?: string; unownedMemory?: UnownedMemory }[],
    binds: [] as {
      kind: string;
      docId: string;
      readOnly: boolean;
      sheetName?: string;
      periods?: readonly string[];
      refs?: CrossRefs;
      onProblems: (p: Problem[]) => void;
      onSelection?: (s: { rowId: string; column: string | null } | null) => void;
    }[],
    selected: [] as { rowId: string; column: string | null }[],
    /** What selecting a cell throws (Excel's error), when set. */
    selectFails: null as Error | null,
    /** What binding a document to a sheet throws (Excel's error), when set. */
    bindFails: null as Error | null,
    restored: [] as { id: string }[][],
  };
  const ports: EnginePorts = {
    connect({ workspace, docId, token, doc, member, unownedMemory }) {
      const sync = new FakeSync(new FakeAwareness(100 + record.connects.length));
      record.connects.push({ workspace, docId, token, doc, sync, ...(member !== undefined ? { member } : {}), ...(unownedMemory ? { unownedMemory } : {}) });
      return sync;
    },
    async bind(_run, _doc, kind, options): Promise<BindingHandle> {
      if (record.bindFails) throw record.bindFails;
      const periods = periodsNow(options.periods);
      record.binds.push({ kind, docId: options.docId, readOnly: options.readOnly, ...(options.sheetName !== undefined ? { sheetName: options.sheetName } : {}), ...(periods.length > 0 ? { periods } : {}), ...(options.refs ? { refs: options.refs } : {}), onProblems: options.onProblems, onSelection: options.onSelection });
      return {
        async selectCell(rowId, column) {
          if (record.selectFails) throw record.selectFails;
          record.selected.push({ rowId, column });
        },
        dispose() {},
      };
    },
    restore(_doc, rows) {
      record.restored.push(rows);
    },
    openIndicators() {
      throw new Error('the fake engines have no indicator source');
    },
  };
  return { ports, record };
}
