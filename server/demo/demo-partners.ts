/**
 * The demo's partner list: the partners seed 000 (the KIM report) names, and the parish the
 * Wasa clinic's exercise groups met in. Each has a fixed row id in the partner list document,
 * so the demo's plans refer to partners by id, as the pane stores them.
 */
import { EXAMPLE_PARTNERS, type ExamplePartner } from '../../shared/catalog/partners.js';

/** Every partner of the demo's partner list, in list order. */
export const DEMO_PARTNERS: readonly ExamplePartner[] = [...EXAMPLE_PARTNERS, { name: 'Församlingen', type: 'trossamfund' }];

/** `S:t Eriks ögonsjukhus` → `s-t-eriks-ogonsjukhus`: ASCII, lower case, dashes between words. */
function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The row id of a demo partner in the partner list (`aktor-` and its name as a slug, e.g.
 * `aktor-s-t-eriks-ogonsjukhus`), what the demo's plans store in their partner column. Throws
 * for a name the list does not hold, so a plan can never point at no partner.
 */
export function demoPartnerId(name: string): string {
  if (!DEMO_PARTNERS.some((p) => p.name === name)) throw new RangeError(`"${name}" is not a partner of the demo's partner list`);
  return `aktor-${slug(name)}`;
}
