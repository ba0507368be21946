/**
 * `/v1/workspaces/:ws/indicators`: the validated indicator table managers pull into their own
 * workbooks (JSON, CSV, XLSX; the token may come as a bearer header for Power Query), the same data
 * in Kolada's shape with paging, import of Kolada-shaped JSON into an indicator-values document,
 * and a trend chart per indicator as SVG for reports. A values document whose stored history does
 * not decode, or that an SQLite store refuses for its key (`document-keyless`,
 * `document-key-changed`), does not fail the table, the Kolada page or the chart: it is left out, named in
 * `X-Samplan-Unreadable` (and `unreadable` in the table's JSON; a workbook's `Utelämnat` sheet, a
 * file name ending `-ofullstandig`: `unreadable-sheet.ts`) and logged (`indicator-data.ts`);
 * the Kolada import reads only the catalogs and the document it writes, so another one damaged
 * does not touch it.
 */
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type * as Y from 'yjs';
import { insertRows, rowsOf, setCells } from '../../shared/doc/index.js';
import { chartSeries, depthsOf } from '../../shared/indicators/chart-series.js';
import { trendChartSvg } from '../../shared/indicators/chart-svg.js';
import { chartNote, chartTitle } from '../../shared/indicators/chart-words.js';
import { indicatorLabel } from '../../shared/indicators/indicator-name.js';
import { periodWords } from '../../shared/i18n/period-label.js';
import { konMismatches, outliers, rangeWarnings } from '../../shared/indicators/checks.js';
import type { IndicatorDefinition } from '../../shared/indicators/definitions.js';
import { koladaPage, koladaPageSchema, rowsFromKolada, toKolada } from '../../shared/indicators/kolada.js';
import { buildIndicatorTable, observationOf, type IndicatorTableRow } from '../../shared/indicators/table.js';
import { normalizeCell } from '../../shared/normalize/normalize-cell.js';
import { cellColumn } from '../../shared/schema/index.js';
import type { DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import { findPersonnummerInValue } from '../../shared/validate/personnummer.js';
import type { Problem } from '../../shared/validate/problem.js';
import { validateRow } from '../../shared/validate/validate-row.js';
import { canWriteRow } from '../auth/policy.js';
import { lockedRowMessage } from '../../shared/i18n/round-messages.js';
import type { UpdateAudit } from '../storage/storage.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { requireDoc } from './documents.js';
import { AppError, notFound, validationHook } from './errors.js';
import { indicatorTableCsv, indicatorTableXlsx } from './indicator-table-format.js';
import { indicatorDataAnswering, loadIndicatorDefinitions } from './indicator-data.js';
import { resolveIndicatorFilter } from './indicator-filter.js';
import { unitNamesOf } from './round-tables.js';
import { partialFileName } from './unreadable-sheet.js';
import { withArticle } from '../../shared/i18n/english-article.js';
import { numberText } from '../../shared/i18n/number-words.js';

const list = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []));

/** Query of the table and Kolada routes. */
export const indicatorQuerySchema = z.object({
  indicator: list,
  unit: list,
  period: list,
  kon: list.pipe(z.array(z.enum(['T', 'K', 'M']))),
  validated: z.enum(['true', 'false']).default('true'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  sep: z.enum(['comma', 'semicolon']).default('comma'),
  lang: z.enum(['sv', 'en']).default('sv'),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(5000).default(500),
  token: z.string().optional(),
});

/** Largest Kolada import body accepted, bytes. */
export const MAX_KOLADA_BYTES = 16 * 1024 * 1024;

/** Every value of a row through the one normaliser (`normalizeCell`), as the file imports do. */
function normalizeRow(kind: DocKind, raw: RowValues): { values: RowValues } | { reason: Localized } {
  const values: RowValues = {};
  for (const [key, value] of Object.entries(raw)) {
    const col = cellColumn(kind, key);
    if (!col) continue;
    const r = normalizeCell(col, value);
    if (!r.ok) return { reason: r.message };
    values[key] = r.value;
  }
  return { values };
}

// Strict, as the document import's: a misspelt `dryrun=true` is refused, not taken as a real import.
const importQuerySchema = z
  .object({
    doc: z.string().min(1).max(80),
    dryRun: z.enum(['true', 'false']).default('false'),
    token: z.string().optional(),
  })
  .strict();

const chartQuerySchema = z.object({
  unit: z.string().max(64).optional(),
  kon: z.enum(['T', 'K', 'M']).default('T'),
  lang: z.enum(['sv', 'en']).default('sv'),
  token: z.string().optional(),
});


/**
 * Warnings about the served values, which stay in the table: T not equal to K + M, values outside
 * the catalog's min/max, and z-score outliers among units.
 */
function indicatorWarnings(rows: readonly IndicatorTableRow[], definitions: ReadonlyMap<string, IndicatorDefinition>) {
  const observations = rows.map(({ indicator, unit, period, kon, value, numerator, denominator }) => ({ indicator, unit, period, kon, value, numerator, denominator }));
  const found = [
    ...konMismatches(observations, (id) => definitions.get(id)?.measure ?? 'level'),
    ...rangeWarnings(observations, (id) => ({ min: definitions.get(id)?.min ?? null, max: definitions.get(id)?.max ?? null })),
    ...outliers(observations),
  ];
  return found.map((w) => ({ code: w.code, indicator: w.observation.indicator, unit: w.observation.unit, period: w.observation.period, kon: w.observation.kon, detail: w.detail }));
}

/** The key a value is replaced by: indicator, unit, period and kön. */
const observationKey = (v: { indicator?: unknown; unit?: unknown; period?: unknown; kon?: unknown }): string => `${String(v.indicator)}|${String(v.unit)}|${String(v.period)}|${String(v.kon)}`;

/** The row id of each observation one indicator-values document holds, by {@link observationKey}. */
function observationIds(doc: Y.Doc): Map<string, string> {
  const ids = new Map<string, string>();
  for (const r of rowsOf(doc)) {
    const o = observationOf(r.values);
    if (o) ids.set(observationKey(o), r.id);
  }
  return ids;
}

/** The indicator routes (mounted at `/v1/workspaces`). */
export function indicatorRoutes(deps: RouteDeps) {
  const { storage, docs } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/:ws/indicators/table', zValidator('query', indicatorQuerySchema, validationHook), async (c) => {
    const ws = c.req.param('ws');
    assertCan(c.get('principal'), 'export', { workspace: ws });
    const q = c.req.valid('query');
    const data = await indicatorDataAnswering(c, deps, ws);
    const units = await storage.listUnits(ws);
    const table = buildIndicatorTable({ ...data, filter: resolveIndicatorFilter(q, data, units), validated: q.validated === 'true' });
    c.header('X-Samplan-Left-Out', String(table.leftOut));
    if (q.format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${partialFileName(`${ws}-indikatorer`, 'csv', data.unreadable, q.lang)}"`);
      return c.body(indicatorTableCsv(table, q.lang, q.sep === 'semicolon' ? ';' : ',', unitNamesOf(units)));
    }
    if (q.format === 'xlsx') {
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      c.header('Content-Disposition', `attachment; filename="${partialFileName(`${ws}-indikatorer`, 'xlsx', data.unreadable, q.lang)}"`);
      return c.body((await indicatorTableXlsx(table, q.lang, unitNamesOf(units), data.unreadable)) as Uint8Array<ArrayBuffer>);
    }
    return c.json({ workspace: ws, ...table, unitNames: Object.fromEntries(unitNamesOf(units)), warnings: indicatorWarnings(table.rows, data.definitions), unreadable: data.unreadable, generatedAt: deps.clock().toISOString() });
  });

  app.get('/:ws/indicators/kolada', zValidator('query', indicatorQuerySchema, validationHook), async (c) => {
    const ws = c.req.param('ws');
    assertCan(c.get('principal'), 'export', { workspace: ws });
    const q = c.req.valid('query');
    const data = await indicatorDataAnswering(c, deps, ws);
    const table = buildIndicatorTable({ ...data, filter: resolveIndicatorFilter(q, data, await storage.listUnits(ws)), validated: q.validated === 'true' });
    const base = new URL(c.req.url);
    const page = koladaPage(toKolada(table.rows), q.page, q.per_page, (n) => {
      const next = new URL(base);
      next.searchParams.set('page', String(n));
      next.searchParams.delete('token');
      return next.toString();
    });
    return c.json(page);
  });

  app.post(
    '/:ws/indicators/kolada',
    bodyLimit({
      maxSize: MAX_KOLADA_BYTES,
      onError: () => {
        const mib = MAX_KOLADA_BYTES / 1024 / 1024;
        throw new AppError(413, 'too-large', {
          sv: `Kolada-data är för stor för att importeras på en gång (högst ${numberText(mib, 'sv')} MiB); skicka den sida för sida.`,
          en: `The Kolada data is too large to import at once (at most ${numberText(mib, 'en')} MiB); send it page by page.`,
        });
      },
    }),
    zValidator('query', importQuerySchema, validationHook),
    zValidator('json', koladaPageSchema, validationHook),
    async (c) => {
      const ws = c.req.param('ws');
      const q = c.req.valid('query');
      const ref = { workspace: ws, doc: q.doc };
      // Another workspace's documents are not told apart from missing ones (404 before any look-up).
      assertCan(c.get('principal'), 'read', { workspace: ws });
      const record = await requireDoc(storage, ref);
      if (record.kind !== 'indicator-values') {
        throw new AppError(400, 'wrong-kind', {
          sv: `Kolada-data importeras till ett dokument med indikatorvärden; "${q.doc}" är av slaget ${record.kind}.`,
          en: `Kolada data goes into an indicator-values document; "${q.doc}" is ${withArticle(record.kind)}.`,
        });
      }
      const principal = c.get('principal');
      assertCan(principal, 'import', { workspace: ws, doc: { kind: record.kind, ownerUnit: record.ownerUnit } });
      const incoming = rowsFromKolada(c.req.valid('json').values);
      // Only the catalogs' definitions judge the page; the other values documents are not read, so
      // one of them damaged does not stop an import that never uses it. A damaged catalog, or a
      // damaged named document (read below, before anything is written), is refused 409
      // document-damaged naming it, as every write meeting a damaged document is.
      const definitions = await loadIndicatorDefinitions(storage, docs, ws);
      const units = new Set((await storage.listUnits(ws)).map((u) => u.code));
      const refs = { indicators: new Set(definitions.keys()), units };
      // `reason` in English (as before), `message` in Swedish and English, as a file import's refusals.
      const refused: { index: number; reason: string; message: Localized }[] = [];
      const refuse = (index: number, message: Localized) => refused.push({ index, reason: message.en, message });
      // As in a file import (`import-rows.ts`): a value of another unit, or of a row a round's lock
      // holds, is refused with its reason and the others are imported; sent along, the sync check
      // would refuse the whole import, naming a row id the sender never saw.
      await deps.locks?.prepare(ws);
      const lockRule = deps.locks?.rulesFor(record) ?? null;
      // The normalised values are what is stored, not the page's own: a period in words (`2024 kv 3`,
      // `jun-24`) is stored as its code, as a file import stores it.
      const judged = incoming.map((raw, index): RowValues | null => {
        const normalized = normalizeRow('indicator-values', raw);
        if ('reason' in normalized) {
          refuse(index, normalized.reason);
          return null;
        }
        const values = normalized.values;
        const leak = Object.values(values).map(findPersonnummerInValue).find((found) => found !== null);
        if (leak) {
          // A reservnummer named as one: someone holding a reserve number need not read "personnummer" as theirs.
          refuse(
            index,
            leak.kind === 'reservnummer'
              ? { sv: 'Raden innehåller ett reservnummer; den importerades inte.', en: 'The row contains a reserve identity number (reservnummer); it was not imported.' }
              : { sv: 'Raden innehåller något som liknar ett personnummer; den importerades inte.', en: 'The row contains what looks like a personal identity number; it was not imported.' },
          );
          return null;
        }
        const errors = validateRow('indicator-values', q.doc, `import-${index}`, values, refs).filter((p: Problem) => p.severity === 'error');
        if (errors.length > 0) {
          refuse(index, { sv: errors.map((e: Problem) => e.message.sv).join(' '), en: errors.map((e: Problem) => e.message.en).join(' ') });
          return null;
        }
        if (!canWriteRow(principal, record, typeof values.unit === 'string' ? values.unit : null)) {
          refuse(index, {
            sv: 'Värdet hör till en annan enhet; du får bara importera värden för dina egna enheter.',
            en: 'The value belongs to another unit; you may only import values of your own units.',
          });
          return null;
        }
        const lock = lockRule?.(values);
        if (lock) {
          refuse(index, lockedRowMessage(lock));
          return null;
        }
        return values;
      });
      const accepted = judged.filter((v): v is RowValues => v !== null);
      // A value for the same indicator, unit, period and kön replaces the one the named document
      // holds; a value only another document holds is new here (as a file import matches keys).
      const existing = await docs.read(ref, observationIds);
      let updated = 0;
      let fresh = accepted.filter((v) => {
        const id = existing.get(observationKey(v));
        if (id) updated++;
        return !id;
      });
      if (q.dryRun === 'false' && accepted.length > 0) {
        // The import's audit line (as a file import's: who, how large a body, its counts) is stored
        // in the write of its values: both, or neither. Its counts are those of the document written.
        const bytes = Buffer.byteLength(await c.req.text());
        const lines: UpdateAudit[] = [];
        await docs.write(
          ref,
          principal,
          (doc) => {
            // Looked up again in the document written, so a row added meanwhile is replaced, not doubled.
            const now = observationIds(doc);
            fresh = accepted.filter((v) => !now.has(observationKey(v)));
            updated = accepted.length - fresh.length;
            doc.transact(() => {
              for (const v of accepted) {
                const id = now.get(observationKey(v));
                if (id) setCells(doc, id, v);
              }
              insertRows(doc, fresh);
            });
            const detail = `imported ${fresh.length}, updated ${updated}, refused ${refused.length}`;
            lines.push({ workspace: ws, doc: q.doc, memberId: principal.memberId, action: 'import', bytes, detail });
          },
          lines,
        );
      }
      return c.json({
        dryRun: q.dryRun === 'true',
        summary: { imported: fresh.length, updated, ignored: 0, refused: refused.length },
        refused,
      });
    },
  );

  app.get('/:ws/indicators/:id/chart.svg', zValidator('query', chartQuerySchema, validationHook), async (c) => {
    const ws = c.req.param('ws');
    assertCan(c.get('principal'), 'read', { workspace: ws });
    const q = c.req.valid('query');
    const id = c.req.param('id');
    const data = await indicatorDataAnswering(c, deps, ws);
    const def = data.definitions.get(id);
    if (!def) {
      throw notFound('indicator-not-found', { sv: `Det finns ingen indikator "${id}" i katalogen för "${ws}".`, en: `There is no indicator "${id}" in the catalog of "${ws}".` });
    }
    const units = await storage.listUnits(ws);
    // By code or name, as the table's filter; a unit that names nothing is a 400 with a sentence
    // (and never drawn into the title, which would repeat whatever was typed, an identity number too).
    const unit = q.unit ? (resolveIndicatorFilter({ indicator: [], unit: [q.unit], period: [], kon: [] }, data, units).units?.[0] ?? null) : null;
    const table = buildIndicatorTable({ ...data, filter: { indicators: [id], units: unit ? [unit] : [], kon: [q.kon] }, validated: true });
    const names = new Map(units.map((u) => [u.code, u.name]));
    const nameOf = (code: string) => names.get(code) ?? code;
    // Never a blend of levels: a unit's own values, or one level pooled as the measure says.
    const series = chartSeries(table.rows, def, { unit, depthOf: depthsOf(units) });
    const title = chartTitle({ name: indicatorLabel(def.id, def.name, q.lang) }, unit ? nameOf(unit) : null);
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Cache-Control', 'no-store');
    return c.body(
      trendChartSvg({
        title,
        points: series.points,
        target: series.target,
        direction: def.direction,
        note: unit ? null : chartNote(series, def, q.lang, nameOf),
        axisUnit: def.unitOfMeasure,
        lang: q.lang,
        zeroBased: def.measure !== 'level',
        periodText: (p) => periodWords(p, q.lang),
        targetLabel: q.lang === 'sv' ? 'Mål' : 'Target',
        emptyLabel: q.lang === 'sv' ? 'Inga värden' : 'No values',
        width: 480,
        height: 180,
      }),
    );
  });

  return app;
}
