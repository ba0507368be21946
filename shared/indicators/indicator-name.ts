/**
 * An indicator's name as a person reads it, never its id: the workspace catalog's name first, and
 * for SKR's 22 goals of "Strategi för hälsa" (seed 002, `shared/catalog/indicators.ts`) and the
 * clinics' own indicators (seed 004, `shared/indicators/clinic-indicators.ts`) the built-in name
 * when the catalog gives none. A catalog name that is the built-in Swedish name unchanged is shown
 * in English from the same list when the reader reads English; a name the catalog changed is
 * shown as the catalog has it.
 */
import { sfhIndicator } from '../catalog/indicators.js';
import type { Lang } from '../i18n/t.js';
import { CLINIC_INDICATORS } from './clinic-indicators.js';

/** The built-in name of an indicator id (seeds 002 and 004), or null for an id not built in. */
export function builtinIndicatorName(id: string, lang: Lang): string | null {
  const sfh = sfhIndicator(id);
  if (sfh) return sfh.name[lang];
  const name = CLINIC_INDICATORS.find((i) => i.id === id)?.row.name;
  return typeof name === 'string' ? name : null;
}

/**
 * The name to show for indicator `id`. `catalogName` is the catalog's name (null, empty or the id
 * itself when the catalog has none).
 *
 * @example
 * indicatorLabel('sfh-12', null, 'sv') // 'Fler ska vara fysiskt aktiva …' (seed 002's wording)
 * indicatorLabel('far-6man', 'FaR uppföljda efter 6 månader', 'en') // 'FaR uppföljda efter 6 månader'
 */
export function indicatorLabel(id: string, catalogName: string | null | undefined, lang: Lang): string {
  const named = catalogName && catalogName.trim() !== '' && catalogName !== id ? catalogName : null;
  if (named) return lang === 'en' && named === builtinIndicatorName(id, 'sv') ? (builtinIndicatorName(id, 'en') ?? named) : named;
  return builtinIndicatorName(id, lang) ?? id;
}
