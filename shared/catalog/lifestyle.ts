/**
 * Lifestyle habits, risk factors and venues from Region Stockholm's assignment (seed 001), and
 * the Hälsocenter focus areas of seed 004.
 */
import type { ColumnOption } from '../schema/types.js';

/**
 * The four lifestyle habits of the assignment, labelled as seed 001 names them: "tobaksbruk,
 * riskbruk av alkohol, fysisk aktivitet och hälsosam mat". The stored values and the sheet's
 * x-column headers are the earlier short ones, so documents and workbooks made before keep their
 * marks and their binding.
 */
export const LIFESTYLE_HABITS = [
  { value: 'tobak', label: { sv: 'Tobaksbruk', en: 'Tobacco use' }, sheetHeader: { sv: 'Tobak', en: 'Tobacco' } },
  { value: 'alkohol', label: { sv: 'Riskbruk av alkohol', en: 'Hazardous alcohol use' }, sheetHeader: { sv: 'Alkohol', en: 'Alcohol' } },
  { value: 'fysisk-aktivitet', label: { sv: 'Fysisk aktivitet', en: 'Physical activity' } },
  { value: 'matvanor', label: { sv: 'Hälsosam mat', en: 'Healthy eating' }, sheetHeader: { sv: 'Matvanor', en: 'Eating habits' } },
] as const satisfies readonly ColumnOption[];

/**
 * The four focus areas Värnamo Hälsocenter identified (seed 004): "Motion, Mat, Sömn,
 * Balans/Återhämtning".
 */
export const HALSOCENTER_FOCUS_AREAS = [
  { value: 'motion', label: { sv: 'Motion', en: 'Exercise' } },
  { value: 'mat', label: { sv: 'Mat', en: 'Food' } },
  { value: 'somn', label: { sv: 'Sömn', en: 'Sleep' } },
  { value: 'balans-aterhamtning', label: { sv: 'Balans/Återhämtning', en: 'Balance/Recovery' } },
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
 * (seed 000: churches, "en kvinnomoské") and `annan` complete the list. Seed 000's "simhallen"
 * and "kvinnomoské" are such venue types, not named partners.
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
