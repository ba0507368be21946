/**
 * Lifestyle habits, risk factors and venues from Region Stockholm's assignment (seed 001).
 */
import type { ColumnOption } from '../schema/types.js';

/**
 * The four lifestyle habits of the assignment: "tobaksbruk, riskbruk av alkohol, fysisk
 * aktivitet och hälsosam mat".
 */
export const LIFESTYLE_HABITS = [
  { value: 'tobak', label: { sv: 'Tobak', en: 'Tobacco' } },
  { value: 'alkohol', label: { sv: 'Alkohol', en: 'Alcohol' } },
  { value: 'fysisk-aktivitet', label: { sv: 'Fysisk aktivitet', en: 'Physical activity' } },
  { value: 'matvanor', label: { sv: 'Matvanor', en: 'Eating habits' } },
] as const satisfies readonly ColumnOption[];

/** The risk factors to detect early, as listed in seed 001. */
export const RISK_FACTORS = [
  { value: 'hogt-blodtryck', label: { sv: 'Högt blodtryck', en: 'High blood pressure' } },
  { value: 'hogt-blodsocker', label: { sv: 'Högt blodsocker', en: 'High blood sugar' } },
  { value: 'blodfetter', label: { sv: 'Blodfetter', en: 'Blood lipids' } },
  {
    value: 'nedsatt-andningsfunktion',
    label: { sv: 'Nedsatt andningsfunktion', en: 'Reduced lung function' },
  },
  { value: 'overvikt-fetma', label: { sv: 'Övervikt eller fetma', en: 'Overweight or obesity' } },
  { value: 'psykisk-ohalsa', label: { sv: 'Psykisk ohälsa', en: 'Mental ill-health' } },
] as const satisfies readonly ColumnOption[];

/**
 * Where an activity takes place. Seed 001 names "skola, mataffär, apotek, simhall och
 * föreningar" as places in people's everyday lives; the clinic itself, places of worship
 * (seed 000: churches, a women's mosque) and `annan` complete the list.
 */
export const VENUES = [
  { value: 'vardcentral', label: { sv: 'Vårdcentralen', en: 'The clinic' } },
  { value: 'skola', label: { sv: 'Skola', en: 'School' } },
  { value: 'mataffar', label: { sv: 'Mataffär', en: 'Grocery store' } },
  { value: 'apotek', label: { sv: 'Apotek', en: 'Pharmacy' } },
  { value: 'simhall', label: { sv: 'Simhall', en: 'Swimming pool' } },
  { value: 'forening', label: { sv: 'Förening', en: 'Association' } },
  { value: 'trossamfund', label: { sv: 'Kyrka/moské/trossamfund', en: 'Church/mosque/faith community' } },
  { value: 'utomhus', label: { sv: 'Utomhus', en: 'Outdoors' } },
  { value: 'annan', label: { sv: 'Annan plats', en: 'Other place' } },
] as const satisfies readonly ColumnOption[];
