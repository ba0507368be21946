/**
 * The reference lists of the documents open in one pane (see `excel/sheet/ref-lists.ts`), fed
 * from the workspace: units from the workspace's units; indicators and partners live from the
 * workspace's indicator catalog and partner list documents (connected read-only in the
 * background; a change there reaches every open sheet), the SKR indicators of
 * `shared/catalog/indicators.ts` besides.
 * Kommuner come from the catalog (the kommuner the seeds name, not all 290).
 */
import * as Y from 'yjs';
import { observeChanges } from '../../shared/doc/index.js';
import { indicatorEntries, partnerEntries, unitEntries } from '../../shared/normalize/ref-entries.js';
import type { RefEntry, RefLookup } from '../../shared/normalize/ref-lookup.js';
import type { RefSource } from '../../shared/schema/types.js';
import { indicatorBoundsOf, type CrossRefs, type IndicatorBounds } from '../../shared/validate/cross-refs.js';
import { refListsFeed, type RefListsFeed } from '../excel/sheet/ref-lists.js';
import type { DocumentInfo, UnitInfo } from './api-client.js';
import type { EnginePorts } from './ports.js';
import type { Lang } from './strings.js';

export { indicatorEntries, partnerEntries } from '../../shared/normalize/ref-entries.js';

/** What feeding the lists needs to know about the workspace when a document is opened. */
export interface RefListsContext {
  serverUrl: string;
  token: string;
  workspace: string;
  lang: Lang;
  units?: readonly UnitInfo[];
  /** The workspace's documents, to find its partner list. */
  documents?: readonly DocumentInfo[];
  /** The signed-in member, whose offline copies of the lists' documents are opened (`EnginePorts.connect`). */
  me?: { readonly memberId: string } | null;
}

/** A workspace document followed read-only for a list. */
interface Followed {
  workspace: string;
  docId: string;
  /** Whether its document is in (its list may be set). */
  isIn: () => boolean;
  stop: () => void;
}

/** The lists of one pane; {@link WorkspaceRefLists.feedFor} refreshes them for each document opened. */
export class WorkspaceRefLists {
  private feed: RefListsFeed = refListsFeed();
  private readonly followed = new Map<'partner' | 'indicator', Followed>();
  private lang: Lang = 'sv';
  private catalog: Y.Doc | null = null;
  private bounds: Map<string, IndicatorBounds> | null = null;

  constructor(private readonly ports: Pick<EnginePorts, 'connect'>) {}

  /** The feed to bind a document with, its units, indicators and partner source brought up to date. */
  feedFor(ctx: RefListsContext): RefListsFeed {
    this.lang = ctx.lang;
    if (ctx.units && ctx.units.length > 0) this.feed.set('unit', unitEntries(ctx.units));
    const live = (kind: string) => ctx.documents?.find((d) => d.kind === kind && !d.archivedAt);
    const partners = live('partners');
    // A partner list, even an empty one (a new workspace), is known once its document is in;
    // before, an empty doc only says it has not synced yet.
    if (partners) this.follow(ctx, 'partner', partners.id, 'partners', (doc) => partnerEntries(doc));
    else if (ctx.documents) this.unfollow('partner', []);
    const catalog = live('indicator-catalog');
    if (catalog) {
      // The workspace's own indicators are only in its catalog: until that is in, a name in an
      // indicator cell cannot be read (read against SKR's 22 alone it would be unknown, and lost).
      this.follow(ctx, 'indicator', catalog.id, 'indicator-catalog', (doc) => {
        this.catalog = doc;
        this.bounds = null;
        return indicatorEntries(doc, this.lang);
      });
      // Named in the language asked now, once the catalog is in.
      if (this.catalogIn) this.feed.set('indicator', indicatorEntries(this.catalog, ctx.lang));
    } else if (ctx.documents || !this.followed.has('indicator')) this.unfollow('indicator', indicatorEntries(null, ctx.lang));
    return this.feed;
  }

  /**
   * The cross-references an open sheet's Problems check with: the followed catalog's declared
   * ranges (`indicatorBounds`, read when asked, so a catalog that arrives or changes after the
   * sheet is bound counts at its next check); none while no catalog is followed.
   */
  crossRefs(): CrossRefs {
    const boundsNow = (): Map<string, IndicatorBounds> | undefined => {
      if (!this.catalog) return undefined;
      this.bounds ??= indicatorBoundsOf(this.catalog);
      return this.bounds;
    };
    return {
      get indicatorBounds() {
        return boundsNow();
      },
    };
  }

  /** The list `source` as the open sheets show it now; undefined while it is not known. */
  lookup(source: RefSource): RefLookup | undefined {
    return this.feed.lookup(source);
  }

  /** Stops following the workspace's documents (sign-out, pane closing); the lists are forgotten with them. */
  dispose(): void {
    for (const f of this.followed.values()) f.stop();
    this.followed.clear();
    this.catalog = null;
    this.bounds = null;
    // A later sign-in (another workspace, perhaps) must not read cells with these lists.
    this.feed = refListsFeed();
  }

  /** Whether the followed indicator catalog is in (see {@link follow}). */
  private get catalogIn(): boolean {
    return this.followed.get('indicator')?.isIn() === true;
  }

  /**
   * Stops following the document of `source` (the workspace has none now) and sets the list to
   * `entries`: what the workspace has without one (no partners; SKR's 22 indicators).
   */
  private unfollow(source: 'partner' | 'indicator', entries: RefEntry[]): void {
    this.followed.get(source)?.stop();
    this.followed.delete(source);
    if (source === 'indicator') {
      this.catalog = null;
      this.bounds = null;
    }
    this.feed.set(source, entries);
  }

  /**
   * Connects `docId` read-only (unless it is followed already) and sets `source` from it on every
   * change, once the connection says the document is in (`SyncHandle.whenReady`; a handle without
   * it is in at once). Until then the list is not known (`RefListsFeed.unset`: the list of a
   * document followed before is forgotten), so the cells that show its names wait for it
   * (`excel/sheet/waiting-refs.ts`) rather than be judged against an empty doc or another list.
   */
  private follow(ctx: RefListsContext, source: 'partner' | 'indicator', docId: string, kind: string, entries: (doc: Y.Doc) => RefEntry[]): void {
    const current = this.followed.get(source);
    if (current && current.workspace === ctx.workspace && current.docId === docId) return;
    current?.stop();
    if (source === 'indicator') {
      this.catalog = null;
      this.bounds = null;
    }
    const doc = new Y.Doc();
    const sync = this.ports.connect({ serverUrl: ctx.serverUrl, workspace: ctx.workspace, docId, token: ctx.token, doc, kind, readOnly: true, ...(ctx.me?.memberId ? { member: ctx.me.memberId } : {}) });
    const feed = this.feed;
    let isIn = sync.whenReady === undefined;
    let stopped = false;
    if (!isIn) feed.unset(source);
    const update = (): void => {
      if (isIn) feed.set(source, entries(doc));
    };
    const unobserve = observeChanges(doc, update);
    update();
    if (!isIn) {
      void sync.whenReady?.then(() => {
        if (stopped) return;
        isIn = true;
        update();
      });
    }
    this.followed.set(source, {
      workspace: ctx.workspace,
      docId,
      isIn: () => isIn,
      stop: () => {
        stopped = true;
        unobserve();
        sync.destroy();
        doc.destroy();
      },
    });
  }
}
