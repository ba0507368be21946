/**
 * The reference lists of the documents open in one pane (see `excel/sheet/ref-lists.ts`), fed
 * from the workspace: units from the workspace's units, indicators from the SKR catalog of
 * `shared/catalog/indicators.ts`, partners live from the workspace's partner list document
 * (connected read-only in the background; a rename or a new partner reaches every open sheet).
 * Kommuner come from the catalog (the kommuner the seeds name, not all 290).
 */
import * as Y from 'yjs';
import { SFH_INDICATORS } from '../../shared/catalog/indicators.js';
import { observeChanges, rowsOf } from '../../shared/doc/index.js';
import type { RefEntry } from '../../shared/normalize/ref-lookup.js';
import { refListsFeed, type RefListsFeed } from '../excel/sheet/ref-lists.js';
import type { DocumentInfo, UnitInfo } from './api-client.js';
import type { EnginePorts, SyncHandle } from './ports.js';
import type { Lang } from './strings.js';

/**
 * The partner list's entries: each row's name (what a partner column stores) once, in list
 * order. Rows without a name are left out.
 */
export function partnerEntries(doc: Y.Doc): RefEntry[] {
  const seen = new Set<string>();
  const out: RefEntry[] = [];
  for (const row of rowsOf(doc)) {
    const name = row.values.name;
    if (typeof name !== 'string' || name.trim() === '' || seen.has(name)) continue;
    seen.add(name);
    out.push({ id: name, name });
  }
  return out;
}

/** What feeding the lists needs to know about the workspace when a document is opened. */
export interface RefListsContext {
  serverUrl: string;
  token: string;
  workspace: string;
  lang: Lang;
  units?: readonly UnitInfo[];
  /** The workspace's documents, to find its partner list. */
  documents?: readonly DocumentInfo[];
}

/** The lists of one pane; {@link WorkspaceRefLists.feedFor} refreshes them for each document opened. */
export class WorkspaceRefLists {
  private feed: RefListsFeed = refListsFeed();
  private partners: { workspace: string; docId: string; doc: Y.Doc; sync: SyncHandle; stop: () => void } | null = null;

  constructor(private readonly ports: Pick<EnginePorts, 'connect'>) {}

  /** The feed to bind a document with, its units, indicators and partner source brought up to date. */
  feedFor(ctx: RefListsContext): RefListsFeed {
    if (ctx.units && ctx.units.length > 0) this.feed.set('unit', ctx.units.map((u) => ({ id: u.code, name: u.name || u.code })));
    this.feed.set('indicator', SFH_INDICATORS.map((i) => ({ id: i.id, name: i.name[ctx.lang] })));
    const list = ctx.documents?.find((d) => d.kind === 'partners' && !d.archivedAt);
    if (list && (this.partners?.workspace !== ctx.workspace || this.partners.docId !== list.id)) this.followPartners(ctx, list.id);
    return this.feed;
  }

  /** Stops following the partner list (sign-out, pane closing). */
  dispose(): void {
    this.partners?.stop();
    this.partners = null;
  }

  private followPartners(ctx: RefListsContext, docId: string): void {
    this.dispose();
    const doc = new Y.Doc();
    const sync = this.ports.connect({ serverUrl: ctx.serverUrl, workspace: ctx.workspace, docId, token: ctx.token, doc, kind: 'partners', readOnly: true });
    const feed = this.feed;
    const update = (): void => {
      const entries = partnerEntries(doc);
      if (entries.length > 0) feed.set('partner', entries);
    };
    const unobserve = observeChanges(doc, update);
    update();
    this.partners = {
      workspace: ctx.workspace,
      docId,
      doc,
      sync,
      stop: () => {
        unobserve();
        sync.destroy();
        doc.destroy();
      },
    };
  }
}
