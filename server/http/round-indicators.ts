/**
 * The indicators of a round defined over REST, read as the CLI reads them (`cli-rounds.ts`): an id
 * the workspace knows — its catalog defines it, a row of an indicator-values document holds it, or
 * it is built in (SKR's 22 of seed 002, the clinics' own of seed 004) — or the name of one of
 * those in any case and spacing, stored as its id. Anything else is answered 400
 * `unknown-indicator` naming it: stored as typed, a round expected values of an indicator nobody
 * can report, and every clinic stood "ej påbörjad" in its completeness.
 */
import { SFH_INDICATORS } from '../../shared/catalog/indicators.js';
import { CLINIC_INDICATORS } from '../../shared/indicators/clinic-indicators.js';
import type { RoundDef } from '../../shared/rounds/model.js';
import { AppError } from './errors.js';
import type { RoundData } from './round-data.js';

/** A name as compared: lower case, white space folded. */
const key = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The ids the workspace knows and its indicators' names (catalog first, then built in) → id. */
function knownIndicators(data: Pick<RoundData, 'definitions' | 'docs'>): { ids: Set<string>; byName: Map<string, string> } {
  const ids = new Set<string>();
  const byName = new Map<string, string>();
  const add = (id: string, ...names: unknown[]): void => {
    ids.add(id);
    for (const n of names) if (typeof n === 'string' && n.trim() !== '' && !byName.has(key(n))) byName.set(key(n), id);
  };
  for (const [id, d] of data.definitions) add(id, d.name);
  for (const i of SFH_INDICATORS) add(i.id, i.name.sv, i.name.en);
  for (const i of CLINIC_INDICATORS) add(i.id, i.row.name);
  for (const doc of data.docs) {
    if (doc.kind !== 'indicator-values') continue;
    for (const row of doc.rows) if (typeof row.values.indicator === 'string') ids.add(row.values.indicator);
  }
  return { ids, byName };
}

/**
 * `def` with every indicator (of `indicators` and of each level) as an id the workspace knows.
 * Throws a 400 `AppError` `unknown-indicator` (Swedish and English; `details.indicators` the texts)
 * when one is neither such an id nor the name of such an indicator.
 */
export function resolveRoundIndicators(def: RoundDef, data: Pick<RoundData, 'definitions' | 'docs'>): RoundDef {
  const { ids, byName } = knownIndicators(data);
  const unknown = new Set<string>();
  const resolve = (list: readonly string[]): string[] => [
    ...new Set(
      list.map((text) => {
        if (ids.has(text)) return text;
        const id = byName.get(key(text));
        if (id === undefined) unknown.add(text);
        return id ?? text;
      }),
    ),
  ];
  const out: RoundDef = { ...def, indicators: resolve(def.indicators) };
  if (def.levels) out.levels = def.levels.map((l) => ({ ...l, indicators: resolve(l.indicators) }));
  if (unknown.size === 0) return out;
  const list = [...unknown].map((t) => `"${t}"`).join(', ');
  const message = {
    sv: `Arbetsytan har ingen indikator ${list}: ange en kod eller ett namn ur indikatorkatalogen.`,
    en: `The workspace has no indicator ${list}: give an id or a name of the indicator catalog.`,
  };
  throw new AppError(400, 'unknown-indicator', message.en, { indicators: [...unknown], message });
}
