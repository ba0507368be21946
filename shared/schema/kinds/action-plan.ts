/**
 * `action-plan` (handlingsplan): the county group's shared plan. Each row is owned by the unit
 * in its `unit` column; the server lets an editor write only rows of their own units.
 */
import { INDICATOR_AREAS } from '../../catalog/indicators.js';
import { MATURITY_LEVELS } from '../../catalog/maturity.js';
import { PERSPECTIVES } from '../../catalog/perspectives.js';
import type { KindDef } from '../types.js';
import { PLAN_STATUSES, commentColumn, dateRange, partnerColumn, responsibleColumn } from './common.js';

/** The action plan's columns. */
export const ACTION_PLAN: KindDef = {
  kind: 'action-plan',
  title: { sv: 'Handlingsplan', en: 'Action plan' },
  schemaVersion: 1,
  columns: [
    {
      key: 'unit',
      header: { sv: 'Enhet', en: 'Unit' },
      type: 'unit',
      ref: 'unit',
      required: true,
      maxLength: 64,
      width: 14,
      help: {
        sv: 'Välj i listan vårdcentralen eller kommunen som äger raden.',
        en: 'Pick from the list the clinic or municipality that owns the row.',
      },
    },
    {
      key: 'measure',
      header: { sv: 'Åtgärd', en: 'Measure' },
      type: 'text',
      required: true,
      maxLength: 200,
      width: 30,
      help: { sv: 'Vad som ska göras.', en: 'What is to be done.' },
    },
    {
      key: 'perspective',
      header: { sv: 'Perspektiv', en: 'Perspective' },
      type: 'enum',
      options: PERSPECTIVES,
      width: 18,
      help: { sv: 'Ett av de fyra hälsofrämjande perspektiven.', en: 'One of the four health-promotion perspectives.' },
    },
    {
      key: 'area',
      header: { sv: 'Målområde', en: 'Area' },
      type: 'enum',
      options: INDICATOR_AREAS,
      width: 20,
      help: { sv: 'Målområde i Strategi för hälsa.', en: 'Area of the Strategy for health.' },
    },
    {
      key: 'indicator',
      header: { sv: 'Indikator', en: 'Indicator' },
      type: 'indicator-ref',
      ref: 'indicator',
      maxLength: 64,
      width: 12,
      help: { sv: 'Välj i listan den indikator åtgärden ska påverka.', en: 'Pick from the list the indicator the measure should move.' },
    },
    partnerColumn(),
    responsibleColumn(),
    ...dateRange(),
    {
      key: 'maturity',
      outcome: true,
      header: { sv: 'Mognadsgrad', en: 'Maturity' },
      type: 'enum',
      options: MATURITY_LEVELS,
      width: 10,
      help: { sv: 'Mognadsskala 1–4 från Strategi för hälsa.', en: 'Maturity scale 1–4 of the Strategy for health.' },
    },
    {
      key: 'status',
      outcome: true,
      header: { sv: 'Status', en: 'Status' },
      type: 'enum',
      options: PLAN_STATUSES,
      width: 12,
      help: { sv: 'Hur långt åtgärden har kommit.', en: 'How far the measure has come.' },
    },
    commentColumn(),
  ],
};
