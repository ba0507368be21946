/**
 * Presence in the open documents (Yjs awareness): who this member says they are, who else is
 * there and in which row, each with a stable colour, as People lists them.
 */
import type * as Y from 'yjs';
import { getRow } from '../../shared/doc/index.js';
import type { Me } from './api-client.js';
import type { SyncHandle } from './ports.js';
import { rowLabeler } from './row-labels.js';
import type { Lang } from './strings.js';

/** Someone present in an open document, from Yjs awareness. */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  role: string | null;
  doc: string;
  docTitle: string;
  /** The row they are in, if they are in one the pane knows. */
  rowId: string | null;
  /** A label for that row: its first text cell in quotes, or "rad 3" (see {@link rowLabel}). */
  row: string | null;
  /** Whether this pane can show that row in its sheet (the document is bound, the row known). */
  canShowRow: boolean;
  self: boolean;
}

/**
 * How People names the row someone is in (see {@link rowLabeler}): its first text cell in
 * quotes, or "rad 3" (the sheet's row number when `sheetRow` knows it). Null when the row is not
 * (yet) in this pane's copy of the doc.
 */
export function rowLabel(doc: Y.Doc, kind: string, rowId: string, lang: Lang, sheetRow?: (rowId: string) => number | null): string | null {
  return rowLabeler(doc, kind, lang, sheetRow)(rowId);
}

/** Presence colours, readable on white and on the dark theme. */
export const PRESENCE_COLORS = ['#0f6cbd', '#c239b3', '#107c10', '#ca5010', '#8764b8', '#038387', '#c50f1f', '#4f6bed'];

/** Tells the others in a document who this member is: name, colour, role. */
export function announce(awareness: NonNullable<SyncHandle['awareness']>, me: Me | null): void {
  awareness.setLocalStateField('user', {
    name: me?.name ?? '?',
    color: colorFor(me?.memberId || me?.name || String(awareness.clientID)),
    role: me?.role ?? null,
  });
}

/** A stable colour for a member id. */
export function colorFor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] ?? '#0f6cbd';
}

/** What `peersIn` reads of an open document (structural, so this module does not import the controller). */
export interface PresenceDoc {
  info: { id: string; title: string; kind: string };
  ydoc: Y.Doc;
  sync: Pick<SyncHandle, 'awareness'>;
  /** The document's binding to a sheet, or null; its `sheetRow` numbers rows as the sheet does. */
  binding: { sheetRow?(rowId: string): number | null } | null;
}

/**
 * Everyone present in the open documents `docs`, the member first, then by name. Without
 * awareness (a sync client that does not share it) only the member is known.
 */
export function peersIn(docs: readonly PresenceDoc[], me: Me | null, lang: Lang): Peer[] {
  const peers: Peer[] = [];
  for (const entry of docs) {
    const awareness = entry.sync.awareness;
    if (!awareness) {
      if (me) {
        const color = colorFor(me.memberId || me.name);
        peers.push({ clientId: 0, name: me.name, color, role: me.role, doc: entry.info.id, docTitle: entry.info.title, rowId: null, row: null, canShowRow: false, self: true });
      }
      continue;
    }
    for (const [clientId, state] of awareness.getStates()) {
      const user = (state.user ?? {}) as { name?: unknown; color?: unknown; role?: unknown };
      if (typeof user.name !== 'string') continue;
      const rowId = typeof state.row === 'string' ? state.row : null;
      peers.push({
        clientId,
        name: user.name,
        color: typeof user.color === 'string' ? user.color : colorFor(user.name),
        role: typeof user.role === 'string' ? user.role : null,
        doc: entry.info.id,
        docTitle: entry.info.title,
        rowId,
        row: rowId === null ? null : rowLabel(entry.ydoc, entry.info.kind, rowId, lang, entry.binding?.sheetRow?.bind(entry.binding)),
        canShowRow: rowId !== null && entry.binding !== null && getRow(entry.ydoc, rowId) !== undefined,
        self: clientId === awareness.clientID,
      });
    }
  }
  return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
