/** `partners` (samverkansaktörer): the partner list plans refer to by row id (see `shared/validate/cross-refs.ts`). */
import { PARTNER_TYPES } from '../../catalog/partners.js';
import { LIFESTYLE_HABITS } from '../../catalog/lifestyle.js';
import type { KindDef } from '../types.js';
import { commentColumn } from './common.js';

/** The partner list's columns. Other documents store a row's id and show its `name`, which is unique in the list. */
export const PARTNERS: KindDef = {
  kind: 'partners',
  title: { sv: 'Samverkansaktörer', en: 'Partners' },
  schemaVersion: 1,
  columns: [
    {
      key: 'name',
      header: { sv: 'Namn', en: 'Name' },
      type: 'text',
      lookedUp: true,
      required: true,
      maxLength: 200,
      width: 28,
      help: {
        sv: 'Aktörens namn. Planerna hänvisar till raden, så ett nytt namn syns i dem direkt.',
        en: "The partner's name. Plans refer to the row, so a new name shows in them at once.",
      },
    },
    {
      key: 'type',
      header: { sv: 'Typ', en: 'Type' },
      type: 'enum',
      options: PARTNER_TYPES,
      required: true,
      width: 18,
      help: { sv: 'Vilken sorts aktör.', en: 'What kind of partner.' },
    },
    {
      key: 'kommun',
      header: { sv: 'Kommun', en: 'Municipality' },
      type: 'unit',
      ref: 'kommun',
      catalog: 'kommun',
      maxLength: 64,
      width: 10,
      help: { sv: 'Välj kommun i listan, eller skriv namnet eller koden (Botkyrka, 0127).', en: 'Pick the municipality from the list, or type its name or code (Botkyrka, 0127).' },
    },
    {
      key: 'contact',
      header: { sv: 'Kontaktperson', en: 'Contact person' },
      type: 'text',
      maxLength: 200,
      width: 20,
      help: { sv: 'Namn på kontaktperson.', en: 'Name of the contact person.' },
    },
    {
      key: 'email',
      header: { sv: 'E-post', en: 'Email' },
      type: 'email',
      maxLength: 254,
      width: 24,
      help: { sv: 'E-postadress, t.ex. namn@forening.se.', en: 'Email address, e.g. name@association.se.' },
    },
    {
      key: 'phone',
      header: { sv: 'Telefon', en: 'Phone' },
      type: 'phone',
      maxLength: 32,
      width: 16,
      help: { sv: 'Telefonnummer, t.ex. 070-123 45 67 eller 08-123 456 78.', en: 'Phone number, e.g. 070-123 45 67 or 08-123 456 78.' },
    },
    {
      key: 'habits',
      header: { sv: 'Levnadsvana', en: 'Lifestyle habit' },
      type: 'multi',
      options: LIFESTYLE_HABITS,
      width: 6,
      help: { sv: 'Markera med x de levnadsvanor ni samverkar kring.', en: 'Mark with an x the lifestyle habits you work on together.' },
    },
    commentColumn(),
  ],
};
