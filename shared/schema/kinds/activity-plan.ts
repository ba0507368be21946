/** `activity-plan` (aktivitetsplan): one clinic's activities for the year. */
import { ACTIVITY_TYPES, GOALS } from '../../catalog/activity-types.js';
import { LIFESTYLE_HABITS, VENUES } from '../../catalog/lifestyle.js';
import type { KindDef } from '../types.js';
import { PLAN_STATUSES, commentColumn, dateRange, partnerColumn, responsibleColumn } from './common.js';

/** The activity plan's columns, schema version 2 (see `migrations.ts` for version 1). */
export const ACTIVITY_PLAN: KindDef = {
  kind: 'activity-plan',
  title: { sv: 'Aktivitetsplan', en: 'Activity plan' },
  schemaVersion: 2,
  columns: [
    {
      key: 'title',
      header: { sv: 'Aktivitet', en: 'Activity' },
      type: 'text',
      required: true,
      maxLength: 200,
      width: 30,
      help: { sv: 'Vad aktiviteten heter, t.ex. "Promenadgrupp Fittja".', en: 'Name of the activity, e.g. "Walking group Fittja".' },
    },
    {
      key: 'type',
      header: { sv: 'Typ', en: 'Type' },
      type: 'enum',
      options: ACTIVITY_TYPES,
      required: true,
      width: 24,
      help: { sv: 'Typ av hälsofrämjande aktivitet (Tabell 1 i KIM-rapporten).', en: 'Type of health-promoting activity (Table 1 of the KIM report).' },
    },
    {
      key: 'goals',
      header: { sv: 'Mål', en: 'Goal' },
      type: 'multi',
      options: GOALS,
      width: 6,
      help: { sv: 'Markera med x de mål aktiviteten har.', en: 'Mark the goals of the activity with an x.' },
    },
    {
      key: 'habits',
      header: { sv: 'Levnadsvana', en: 'Lifestyle habit' },
      type: 'multi',
      options: LIFESTYLE_HABITS,
      width: 6,
      help: { sv: 'Markera med x de levnadsvanor aktiviteten tar upp.', en: 'Mark the lifestyle habits the activity addresses with an x.' },
    },
    {
      key: 'venue',
      header: { sv: 'Plats', en: 'Venue' },
      type: 'enum',
      options: VENUES,
      width: 16,
      help: { sv: 'Var aktiviteten sker; gärna där invånarna redan är.', en: 'Where the activity takes place; preferably where residents already are.' },
    },
    partnerColumn(),
    {
      key: 'targetGroup',
      header: { sv: 'Målgrupp', en: 'Target group' },
      type: 'text',
      maxLength: 200,
      width: 20,
      help: { sv: 'Vilka aktiviteten vänder sig till.', en: 'Who the activity is for.' },
    },
    ...dateRange(),
    responsibleColumn(),
    {
      key: 'participantsPlanned',
      header: { sv: 'Deltagare planerat', en: 'Participants planned' },
      type: 'integer',
      min: 0,
      max: 100000,
      width: 10,
      help: { sv: 'Hur många ni räknar med.', en: 'How many you expect.' },
    },
    {
      key: 'participantsReached',
      outcome: true,
      header: { sv: 'Deltagare nådda', en: 'Participants reached' },
      type: 'integer',
      min: 0,
      max: 100000,
      width: 10,
      help: { sv: 'Hur många som faktiskt deltog.', en: 'How many actually took part.' },
    },
    {
      key: 'status',
      outcome: true,
      header: { sv: 'Status', en: 'Status' },
      type: 'enum',
      options: PLAN_STATUSES,
      width: 12,
      help: { sv: 'Hur långt aktiviteten har kommit.', en: 'How far the activity has come.' },
    },
    commentColumn(),
  ],
};
