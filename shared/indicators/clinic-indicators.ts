/**
 * Clinic-level indicators that managers follow beside the 22 of "Strategi för hälsa": the KIM
 * work of seed 000 (hälsosamtal) and the FaR chain of seed 004 (förskrivning → uppföljning efter
 * ca 6 månader). Their ids are Samplan's own local ids, not official codes.
 */
import type { RowValues } from '../schema/types.js';

/** A clinic-level indicator as an `indicator-catalog` row. */
export interface ClinicIndicator {
  /** Samplan's local id; not an official code. */
  id: string;
  localId: true;
  row: RowValues;
}

const AREA = 'god-och-jamlik-halsa';

/** The clinic-level indicators, ready to be written into an indicator catalog. */
export const CLINIC_INDICATORS: readonly ClinicIndicator[] = [
  {
    id: 'vc-halsosamtal',
    localId: true,
    row: {
      id: 'vc-halsosamtal',
      name: 'Genomförda hälsosamtal',
      area: AREA,
      unitOfMeasure: 'antal',
      numerator: 'Antal genomförda hälsosamtal under perioden',
      denominator: null,
      factor: 1,
      direction: 'higher',
      min: 0,
      source: 'Vårdcentralens egen registrering',
    },
  },
  {
    id: 'vc-far-forskrivna',
    localId: true,
    row: {
      id: 'vc-far-forskrivna',
      name: 'Förskrivna FaR (fysisk aktivitet på recept)',
      area: AREA,
      unitOfMeasure: 'antal',
      numerator: 'Antal FaR-förskrivningar under perioden',
      denominator: null,
      factor: 1,
      direction: 'higher',
      min: 0,
      source: 'Journalsystemet',
    },
  },
  {
    id: 'vc-far-uppfoljda-6man',
    localId: true,
    row: {
      id: 'vc-far-uppfoljda-6man',
      name: 'Andel FaR följda upp efter ca 6 månader',
      area: AREA,
      unitOfMeasure: 'procent',
      numerator: 'Antal FaR med uppföljningssamtal efter ca 6 månader',
      denominator: 'Antal FaR förskrivna sex månader tidigare',
      factor: 100,
      direction: 'higher',
      min: 0,
      max: 100,
      source: 'Journalsystemet',
    },
  },
];
