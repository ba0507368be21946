/**
 * Clinics from the seeds: the 15 with Region Stockholm's assignment in 2023 (seed 001) and the
 * six KIM clinics of 2013–2015 (seed 000). Unit codes are Samplan's own (`localId: true`),
 * stable and ASCII; names are as written in the seeds.
 */

/** A clinic as a unit of a workspace. */
export interface Clinic {
  /** Our own stable unit code, not an official HSA id. */
  unit: string;
  localId: true;
  name: string;
  /** Kommun code (see `kommuner.ts`). */
  kommun: string;
}

function clinic(unit: string, name: string, kommun: string): Clinic {
  return { unit, localId: true, name, kommun };
}

/** "Husläkarmottagningar med uppdraget 2023", in the seed's order. */
export const STOCKHOLM_CLINICS: readonly Clinic[] = [
  clinic('vc-fittja', 'Fittja Vårdcentral', '0127'),
  clinic('vc-varberg', 'Vårbergs Vårdcentral', '0180'),
  clinic('vc-familjelakarna-husby', 'Familjeläkarna Husby', '0180'),
  clinic('vc-jarva', 'Järva Vårdcentral', '0180'),
  clinic('vc-rinkeby', 'Rinkeby Vårdcentral', '0180'),
  clinic('vc-husby-akalla', 'Husby Akalla vårdcentral', '0180'),
  clinic('vc-tensta', 'Tensta vårdcentral', '0180'),
  clinic('vc-ronna', 'Ronna Vårdcentral', '0181'),
  clinic('vc-meliva-tveta', 'Meliva vårdcentral Tveta', '0181'),
  clinic('vc-kringlan', 'Kringlans Vårdcentral', '0181'),
  clinic('vc-capio-kista', 'Capio Vårdcentral Kista', '0180'),
  clinic('vc-capio-ragsved', 'Capio Vårdcentral Rågsved', '0180'),
  clinic('vc-hallonbergen', 'Hallonbergens vårdcentral', '0183'),
  clinic('vc-skarholmenhalsan', 'Skärholmenhälsan vårdcentral', '0180'),
  clinic('vc-alby', 'Alby vårdcentral', '0127'),
];

/** The six KIM clinics: "Wasa i Södertälje, Vårby, Tensta, Husby Akalla, Jordbro och Rinkeby". */
export const KIM_CLINICS: readonly Clinic[] = [
  clinic('kim-wasa', 'Wasa', '0181'),
  clinic('kim-varby', 'Vårby', '0126'),
  clinic('kim-tensta', 'Tensta', '0180'),
  clinic('kim-husby-akalla', 'Husby Akalla', '0180'),
  clinic('kim-jordbro', 'Jordbro', '0136'),
  clinic('kim-rinkeby', 'Rinkeby', '0180'),
];

/** A clinic of either list by unit code, or undefined. */
export function clinicByUnit(unit: string): Clinic | undefined {
  return STOCKHOLM_CLINICS.find((c) => c.unit === unit) ?? KIM_CLINICS.find((c) => c.unit === unit);
}
