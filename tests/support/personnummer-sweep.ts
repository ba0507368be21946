/**
 * A seeded sweep of a personnummer guard over valid numbers in their spellings and over everyday
 * text, by class: which valid spellings pass (leaks) and how many everyday texts are refused (false
 * refusals). Valid numbers: a real date, one in ten a samordningsnummer (day + 60, SKV 707), the
 * Luhn digit (SKV 704). Spellings: the families of separators, century, label and trailing mark
 * (`personnummer-families.ts`) but those passed by decision (`personnummer-decisions.ts`), the
 * spellings an allowance covers after a label that names the number, `+` for someone aged 100 or
 * more, and file names holding a number. Everyday text: the kinds of `ordinary-texts.ts`. The guard
 * is a parameter, so an older checkout's can be swept with the same sample to compare.
 */
import { ALLOWED_SPELLINGS, fillSpelling, NAMING_WRITTEN, passedByDecision } from './personnummer-decisions.js';
import { allFamilies, spell, validNumber, type NumberFields } from './personnummer-families.js';
import { IN_PART, ORDINARY } from './ordinary-texts.js';

/** A guard: true when it refuses `text`. */
export type Refuses = (text: string) => boolean;

/** One class of a sweep: how many texts were swept and those the guard judged wrongly. */
export interface SweepClass {
  swept: number;
  wrong: string[];
}

/** A valid number of someone born before 1926: aged 100 or more in 2026, written with `+` (SKV 704). */
function centenarian(random: () => number): NumberFields {
  for (;;) {
    const n = validNumber(random);
    if (Number(n.century + n.yy) <= 1925) return n;
  }
}

/** `forms` (`{y}`, `{m}`, `{dd}`, `{s}`, `{s1}`, `{s2}` as `fillSpelling` reads them) filled with `count` numbers, in turn. */
function spelled(forms: readonly string[], count: number, numberOf: () => NumberFields, century: (k: number) => boolean): string[] {
  return Array.from({ length: count }, (_, k) => fillSpelling(forms[k % forms.length] as string, numberOf(), century(k), '-'));
}

/**
 * The spellings of valid numbers by class, each to be refused, and those `refuses` let pass; of
 * the families, the share `familyShare` (seeded).
 */
export function sweepValid(refuses: Refuses, random: () => number, familyShare: number): Record<string, SweepClass> {
  const families: string[] = [];
  for (const family of allFamilies()) {
    if ((family.beforeSerial === '' && family.serialSplit !== '') || random() >= familyShare) continue;
    const n = validNumber(random);
    if (passedByDecision(n, family) === null) families.push(spell(n, family));
  }
  const labelled: string[] = [];
  for (const label of NAMING_WRITTEN) {
    for (const form of ALLOWED_SPELLINGS) {
      for (let k = 0; k < 20; k++) labelled.push(label + fillSpelling(form, validNumber(random), k % 2 === 0, ['-', '.', '/'][k % 3] as string));
    }
  }
  const plus = spelled(['{y}{m}{dd}+{s}', '{y}{m}{dd} + {s}', 'pnr {y}{m}{dd}+{s}', '{y}-{m}-{dd}+{s}', '{y}{m}{dd}+{s1} {s2}'], 2000, () => centenarian(random), () => false);
  const fileForms = ['journal_{y}{m}{dd}-{s}.pdf', 'journal_{y}{m}{dd}_{s}.pdf', '{y}-{m}-{dd}_{s}.pdf', 'scan_{y}{m}{dd}{s}.pdf', 'remiss_{y}{m}{dd}_{s1}{s2}.docx', 'Anna_Ek_{y}{m}{dd}-{s}.xlsx'];
  const files = spelled(fileForms, 3000, () => validNumber(random), (k) => k % 2 === 0);
  const classes = { families, 'labelled, an allowance otherwise': labelled, '+ aged 100 or more': plus, 'file names holding a number': files };
  return Object.fromEntries(Object.entries(classes).map(([kind, texts]) => [kind, { swept: texts.length, wrong: texts.filter((text) => !refuses(text)) }]));
}

/** Everyday texts by kind (`ordinary-texts.ts`, `perKind` of each) and those `refuses` refused. */
export function sweepEveryday(refuses: Refuses, random: () => number, perKind: number): Record<string, SweepClass> {
  return Object.fromEntries(
    Object.entries({ ...ORDINARY, ...IN_PART }).map(([kind, make]) => {
      const texts = Array.from({ length: perKind }, () => make(random));
      return [kind, { swept: perKind, wrong: texts.filter(refuses) }];
    }),
  );
}
