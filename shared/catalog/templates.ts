/**
 * Starting rows for new documents, from the seeds: the 22 Strategi för hälsa indicators for an
 * indicator catalog, the KIM report's partners for a partner list.
 */
import type { DocKind, RowValues } from '../schema/types.js';
import { SFH_INDICATORS } from './indicators.js';
import { EXAMPLE_PARTNERS } from './partners.js';

/** Indicator-catalog rows for the 22 indicators; ids are Samplan's local ids (see `indicators.ts`). */
export function sfhCatalogRows(): RowValues[] {
  return SFH_INDICATORS.map((ind) => ({
    id: ind.id,
    name: ind.name.sv,
    area: ind.area,
    direction: ind.direction,
    source: 'SKR, Strategi för hälsa',
    comment: 'Lokalt id i Samplan, inte en officiell kod.',
  }));
}

/** Partner rows for the partners the KIM report names. */
export function examplePartnerRows(): RowValues[] {
  return EXAMPLE_PARTNERS.map((p) => ({ name: p.name, type: p.type }));
}

/** The template rows of a kind, or `[]` when it starts empty (plans are written by people). */
export function templateRows(kind: DocKind): RowValues[] {
  if (kind === 'indicator-catalog') return sfhCatalogRows();
  if (kind === 'partners') return examplePartnerRows();
  return [];
}
