/** The four perspectives of health-promoting health care (seed 003). */
import type { ColumnOption } from '../schema/types.js';

/** Individ/patient, befolkning, medarbetare, styrning och ledning, in the seed's order. */
export const PERSPECTIVES = [
  { value: 'individ-patient', label: { sv: 'Individ/patient', en: 'Individual/patient' } },
  { value: 'befolkning', label: { sv: 'Befolkning', en: 'Population' } },
  { value: 'medarbetare', label: { sv: 'Medarbetare', en: 'Staff' } },
  { value: 'styrning-ledning', label: { sv: 'Styrning och ledning', en: 'Governance and management' } },
] as const satisfies readonly ColumnOption[];
