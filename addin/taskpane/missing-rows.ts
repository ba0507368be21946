/**
 * "Click → the rows missing" of the Follow-up view: what a clinic still has to report in a round,
 * shown where it is filled in. {@link showMissing} opens the clinic's documents that the round
 * waits for (from the completeness answer: its activity plan, the indicator document), puts one
 * entry per missing row in Problems — "Saknas för 2025 kv 2: Genomförda hälsosamtal" on the value
 * cell of an indicator row without a value, "Saknas för 2025 kv 2: utfall …" on an activity whose
 * outcome is not reported, and a document-level entry for an indicator with no row at all — and
 * selects the first such row. The entries are worked out from the live document each time
 * Problems is drawn ({@link missingProblems}), so a row drops out as soon as it is filled.
 */
import type * as Y from 'yjs';
import { getRow } from '../../shared/doc/index.js';
import { sfhIndicator } from '../../shared/catalog/indicators.js';
import { CLINIC_INDICATORS } from '../../shared/indicators/clinic-indicators.js';
import { hasOutcome, hasValue } from '../../shared/rounds/completeness.js';
import type { Localized } from '../../shared/schema/types.js';
import type { Problem } from '../../shared/validate/problem.js';
import type { DocumentInfo } from './api-client.js';

/** The code of a missing-row entry in Problems. */
export const MISSING_CODE = 'round-missing';

/** Rows of one document that a unit still has to fill (the completeness answer's `missing`). */
export interface MissingDoc {
  doc: string;
  kind: string;
  title: string;
  rowIds: string[];
}

/** What the Follow-up view asks to show for one unit × round cell. */
export interface MissingRequest {
  round: { id: string; title: string };
  unit: string;
  docs: MissingDoc[];
  /** Indicators of the round with no row for the unit at all. */
  missingIndicators: string[];
}

/** What one document waits for in one round. */
export interface MissingNote {
  roundTitle: string;
  rowIds: string[];
  /** Indicators with no row, shown as document-level entries. */
  indicators: string[];
}

/** An indicator's name as the catalog of the seeds gives it; its id when unknown. */
export function indicatorName(id: string, lang: 'sv' | 'en'): string {
  const sfh = sfhIndicator(id);
  if (sfh) return sfh.name[lang];
  const name = CLINIC_INDICATORS.find((c) => c.id === id)?.row.name;
  return typeof name === 'string' ? name : id;
}

const OUTCOME: Localized = { sv: 'utfall (genomförd eller inställd, deltagare nådda)', en: 'outcome (held or cancelled, participants reached)' };

function entry(doc: string, rowId: string | null, column: string | null, round: string, what: Localized): Problem {
  return {
    doc,
    rowId,
    column,
    severity: 'warning',
    code: MISSING_CODE,
    message: { sv: `Saknas för ${round}: ${what.sv}`, en: `Missing for ${round}: ${what.en}` },
  };
}

/** The Problems entries of `note` for the document `docId` as `ydoc` holds it now: filled rows are left out. */
export function missingProblems(docId: string, kind: string, ydoc: Y.Doc, note: MissingNote | undefined): Problem[] {
  if (!note) return [];
  const out: Problem[] = [];
  for (const rowId of note.rowIds) {
    const values = getRow(ydoc, rowId)?.values;
    if (!values) continue;
    if (kind === 'indicator-values') {
      if (hasValue(values)) continue;
      const id = typeof values.indicator === 'string' ? values.indicator : '';
      out.push(entry(docId, rowId, 'value', note.roundTitle, { sv: indicatorName(id, 'sv'), en: indicatorName(id, 'en') }));
    } else if (!hasOutcome(values)) {
      out.push(entry(docId, rowId, values.status === 'genomford' ? 'participantsReached' : 'status', note.roundTitle, OUTCOME));
    }
  }
  for (const id of note.indicators) {
    out.push(entry(docId, null, null, note.roundTitle, { sv: `${indicatorName(id, 'sv')} (ingen rad)`, en: `${indicatorName(id, 'en')} (no row)` }));
  }
  return out;
}

/**
 * The documents to open for `req` with their notes, in order (activity plan first as the
 * completeness answer lists it). An indicator with no row goes to the unit's own indicator
 * document, else the first one the round already waits in, else the workspace's first.
 */
export function missingTargets(req: MissingRequest, documents: readonly DocumentInfo[]): { info: DocumentInfo; note: MissingNote }[] {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const out = new Map<string, { info: DocumentInfo; note: MissingNote }>();
  for (const m of req.docs) {
    const info = byId.get(m.doc);
    if (info) out.set(info.id, { info, note: { roundTitle: req.round.title, rowIds: [...m.rowIds], indicators: [] } });
  }
  if (req.missingIndicators.length > 0) {
    const values = documents.filter((d) => d.kind === 'indicator-values' && !d.archivedAt);
    const home = values.find((d) => d.ownerUnit === req.unit) ?? values.find((d) => out.has(d.id)) ?? values[0];
    if (home) {
      const target = out.get(home.id) ?? { info: home, note: { roundTitle: req.round.title, rowIds: [], indicators: [] } };
      target.note.indicators = [...req.missingIndicators];
      out.set(home.id, target);
    }
  }
  return [...out.values()];
}
