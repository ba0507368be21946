/**
 * The reference lists of the documents open in one pane (see `excel/sheet/ref-lists.ts`), fed
 * from the workspace: units from the workspace's units; indicators and partners live from the
 * workspace's indicator catalog and partner list documents (connected read-only in the
 * background; a change there reaches every open sheet), the SKR indicators of
 * `shared/catalog/indicators.ts` besides.
 * Kommuner come from the catalog (the kommuner the seeds name, not all 290).
 */
import * as Y from 'yjs';
import { SFH_INDICATORS } from '../../shared/catalog/indicators.js';
import { observeChanges, rowsOf } from '../../shared/doc/index.js';
import type { RefEntry } from '../../shared/normalize/ref-lookup.js';
import { refListsFeed, type RefListsFeed } from '../excel/sheet/ref-lists.js';
import type { DocumentInfo, UnitInfo } from './api-client.js';
import type { EnginePorts } from './ports.js';
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

/**
 * The indicator catalog's entries: each row's id with its name (the id when it has none), once,
 * in catalog order; the SKR indicators of `shared/catalog/indicators.ts` not in it follow.
 */
export function indicatorEntries(doc: Y.Doc | null, lang: Lang): RefEntry[] {
  const out: RefEntry[] = [];
  const seen = new Set<string>();
  const add = (id: string, name: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ id, name });
  };
  for (const row of doc ? rowsOf(doc) : []) {
    const { id, name } = row.values;
    if (typeof id === 'string' && id.trim() !== '') add(id, typeof name === 'string' && name.trim() !== '' ? name : id);
  }
  for (const i of SFH_INDICATORS) add(i.id, i.name[lang]);
  return out;
}

/** A workspace document followed read-only for a list. */
interface Followed {
  workspace: string;
  docId: string;
  stop: () => void;
}

/** The lists of one pane; {@link WorkspaceRefLists.feedFor} refreshes them for each document opened. */
export class WorkspaceRefLists {
  private feed: RefListsFeed = refListsFeed();
  private readonly followed = new Map<'partner' | 'indicator', Followed>();
  private lang: Lang = 'sv';
  private catalog: Y.Doc | null = null;

  constructor(private readonly ports: Pick<EnginePorts, 'connect'>) {}

  /** The feed to bind a document with, its units, indicators and partner source brought up to date. */
  feedFor(ctx: RefListsContext): RefListsFeed {
    this.lang = ctx.lang;
    if (ctx.units && ctx.units.length > 0) this.feed.set('unit', ctx.units.map((u) => ({ id: u.code, name: u.name || u.code })));
    this.feed.set('indicator', indicatorEntries(this.catalog, ctx.lang));
    const live = (kind: string) => ctx.documents?.find((d) => d.kind === kind && !d.archivedAt);
    const partners = live('partners');
    if (partners) this.follow(ctx, 'partner', partners.id, 'partners', (doc) => partnerEntries(doc));
    const catalog = live('indicator-catalog');
    if (catalog) {
      this.follow(ctx, 'indicator', catalog.id, 'indicator-catalog', (doc) => {
        this.catalog = doc;
        return indicatorEntries(doc, this.lang);
      });
    }
    return this.feed;
  }

  /** Stops following the workspace's documents (sign-out, pane closing). */
  dispose(): void {
    for (const f of this.followed.values()) f.stop();
    this.followed.clear();
    this.catalog = null;
  }

  /** Connects `docId` read-only (unless it is followed already) and sets `source` from it on every change. */
  private follow(ctx: RefListsContext, source: 'partner' | 'indicator', docId: string, kind: string, entries: (doc: Y.Doc) => RefEntry[]): void {
    const current = this.followed.get(source);
    if (current && current.workspace === ctx.workspace && current.docId === docId) return;
    current?.stop();
    const doc = new Y.Doc();
    const sync = this.ports.connect({ serverUrl: ctx.serverUrl, workspace: ctx.workspace, docId, token: ctx.token, doc, kind, readOnly: true });
    const feed = this.feed;
    const update = (): void => {
      const list = entries(doc);
      if (list.length > 0) feed.set(source, list);
    };
    const unobserve = observeChanges(doc, update);
    update();
    this.followed.set(source, {
      workspace: ctx.workspace,
      docId,
      stop: () => {
        unobserve();
        sync.destroy();
        doc.destroy();
      },
    });
  }
}
