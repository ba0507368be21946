/**
 * Partner types and example partners from the KIM report (seed 000): the agencies the report
 * says collaboration with is necessary, the key actors of the needs mapping, and the partners
 * it names by name.
 */
import type { ColumnOption } from '../schema/types.js';

/** Kinds of partner a clinic works with. */
export const PARTNER_TYPES = [
  { value: 'kommun', label: { sv: 'Kommun', en: 'Municipality' } },
  { value: 'forening', label: { sv: 'Förening', en: 'Association' } },
  { value: 'trossamfund', label: { sv: 'Trossamfund', en: 'Faith community' } },
  { value: 'skola', label: { sv: 'Skola, elevhälsa (skolsköterska), SFI', en: 'School, pupil health (school nurse), SFI' } },
  { value: 'myndighet', label: { sv: 'Myndighet', en: 'Government agency' } },
  { value: 'vard', label: { sv: 'Annan vård', en: 'Other health care' } },
  { value: 'patientorganisation', label: { sv: 'Patientorganisation', en: 'Patient organisation' } },
  { value: 'frivilligorganisation', label: { sv: 'Frivilligorganisation', en: 'Voluntary organisation' } },
  { value: 'foretag', label: { sv: 'Företag', en: 'Business' } },
  { value: 'annan', label: { sv: 'Annan', en: 'Other' } },
] as const satisfies readonly ColumnOption[];

/** A partner type value of {@link PARTNER_TYPES}. */
export type PartnerType = (typeof PARTNER_TYPES)[number]['value'];

/** A partner named in seed 000. */
export interface ExamplePartner {
  name: string;
  type: PartnerType;
}

/**
 * Partners the KIM report names, with the type we file them under. Its generic words are types,
 * not partners: "skolsköterskan" is the partner type `skola` (elevhälsa), "simhallen" and "en
 * kvinnomoské" are the venue types `simhall` and `trossamfund` (see `lifestyle.ts`).
 */
export const EXAMPLE_PARTNERS: readonly ExamplePartner[] = [
  { name: 'Försäkringskassan', type: 'myndighet' },
  { name: 'Arbetsförmedlingen', type: 'myndighet' },
  { name: 'Socialtjänsten', type: 'kommun' },
  { name: 'Familjecentralen', type: 'kommun' },
  { name: 'SFI', type: 'skola' },
  { name: 'S:t Eriks ögonsjukhus', type: 'vard' },
  { name: 'Transkulturellt Centrum', type: 'vard' },
  { name: 'Hjärt-/lungföreningen', type: 'patientorganisation' },
  { name: 'Röda Korset', type: 'frivilligorganisation' },
];
