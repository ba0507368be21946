/**
 * The reference lists an import resolves typed names with (see `shared/normalize/resolve-ref.ts`),
 * read from the workspace as the pane reads them: units from storage, the partner list and the
 * indicator catalog from the workspace's live (not archived) documents of those kinds, kommuner
 * from the catalog. One reader per `RefSource`, so a column that becomes a reference column
 * resolves on import as soon as its schema names its list.
 */
import { isKnownKommun } from '../../shared/catalog/kommuner.js';
import { indicatorEntries, KOMMUN_ENTRIES, partnerEntries, unitEntries } from '../../shared/normalize/ref-entries.js';
import { refLookup, type RefLookup } from '../../shared/normalize/ref-lookup.js';
import { cellColumns } from '../../shared/schema/index.js';
import type { DocKind, RefSource } from '../../shared/schema/types.js';
import type { DocRecord, Storage } from '../storage/storage.js';
import type { DocAccess } from './doc-access.js';

/** What a reader of one list may use. */
interface RefContext {
  storage: Storage;
  docs: DocAccess;
  workspace: string;
  /** The workspace's documents, read once. */
  records: () => Promise<DocRecord[]>;
}

/** The live document of `kind` among `records`, if any (the first by id when there are several). */
function liveAmong(records: readonly DocRecord[], kind: string): DocRecord | undefined {
  return records.filter((d) => d.kind === kind && !d.archivedAt).sort((a, b) => a.doc.localeCompare(b.doc))[0];
}

async function liveDoc(ctx: RefContext, kind: string): Promise<DocRecord | undefined> {
  return liveAmong(await ctx.records(), kind);
}

/** The list document of `kind` an import of `workspace` resolves names with (the partner list, …), or undefined when there is none. */
export async function liveListDoc(storage: Storage, workspace: string, kind: string): Promise<DocRecord | undefined> {
  return liveAmong(await storage.listDocs(workspace), kind);
}

/** Each list's reader: its lookup, or undefined when the workspace does not have the list (nothing is resolved then). */
const READERS: Record<RefSource, (ctx: RefContext) => Promise<RefLookup | undefined>> = {
  async unit(ctx) {
    const units = await ctx.storage.listUnits(ctx.workspace);
    return units.length > 0 ? refLookup(unitEntries(units)) : undefined;
  },
  async indicator(ctx) {
    const catalog = await liveDoc(ctx, 'indicator-catalog');
    const entries = catalog
      ? await ctx.docs.read(catalog, (doc) => [...indicatorEntries(doc, 'sv'), ...indicatorEntries(doc, 'en')])
      : [...indicatorEntries(null, 'sv'), ...indicatorEntries(null, 'en')];
    return refLookup(entries);
  },
  async partner(ctx) {
    const partners = await liveDoc(ctx, 'partners');
    return partners ? refLookup(await ctx.docs.read(partners, (doc) => partnerEntries(doc))) : undefined;
  },
  async kommun() {
    return refLookup(KOMMUN_ENTRIES, isKnownKommun);
  },
};

/**
 * The lookups of the lists the columns of `kind` refer to, read from `workspace` (only those
 * lists; a kind without reference columns reads nothing).
 *
 * @example
 * const lists = await importRefLookups(storage, docs, 'hbi-stockholm', 'indicator-values');
 * lists.unit?.idOf('Tensta vårdcentral') // 'vc-tensta'
 */
export async function importRefLookups(storage: Storage, docs: DocAccess, workspace: string, kind: DocKind): Promise<Partial<Record<RefSource, RefLookup>>> {
  const sources = new Set(cellColumns(kind).flatMap((c) => (c.column.ref ? [c.column.ref] : [])));
  let records: Promise<DocRecord[]> | undefined;
  const ctx: RefContext = { storage, docs, workspace, records: () => (records ??= storage.listDocs(workspace)) };
  const out: Partial<Record<RefSource, RefLookup>> = {};
  for (const source of sources) {
    const lookup = await READERS[source](ctx);
    if (lookup) out[source] = lookup;
  }
  return out;
}
