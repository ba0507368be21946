/**
 * The words that tell a unit's errors left in a round's rows when it is submitted or approved:
 * the server's answer to `submit`/`approve` (`warning`), and the pane's line above those buttons.
 * A unit may be submitted and approved with errors left (as DHIS2 lets a data set be completed
 * unless "complete allowed only if validation passes" is set); it is never done without a word,
 * since an approval locks the rows with their errors. Where to see them: Problems in each named
 * document, and `Problem kvar` in the round's Fullständighet table.
 */
import type { Localized } from '../schema/types.js';
import { numberText } from './number-words.js';

/** The documents holding a unit's errors in a round, with the count in each (`UnitCompleteness.problemDocs`). */
export interface ProblemDoc {
  doc: string;
  title: string;
  errors: number;
}

const errorsSv = (n: number): string => (n === 1 ? '1 fel' : `${numberText(n, 'sv')} fel`);
const errorsEn = (n: number): string => (n === 1 ? '1 error' : `${numberText(n, 'en')} errors`);

function where(docs: readonly ProblemDoc[], lang: 'sv' | 'en'): string {
  return docs.map((d) => `${lang === 'sv' ? errorsSv(d.errors) : errorsEn(d.errors)} ${lang === 'sv' ? 'i' : 'in'} ”${d.title}”`).join(', ');
}

/**
 * What is said of `errors` errors left in `unitName`'s rows of the round: `when` is the move just
 * made (`submit`, `approve`) or `before` (the line shown before the move). Empty docs list: the
 * sentence names no document.
 */
export function problemsLeftWords(unitName: string, errors: number, docs: readonly ProblemDoc[], when: 'submit' | 'approve' | 'before'): Localized {
  const inSv = docs.length > 0 ? ` (${where(docs, 'sv')})` : '';
  const inEn = docs.length > 0 ? ` (${where(docs, 'en')})` : '';
  const lead = {
    submit: { sv: `${unitName} skickades in med ${errorsSv(errors)} kvar i raderna omgången omfattar${inSv}.`, en: `${unitName} was submitted with ${errorsEn(errors)} left in the rows the round covers${inEn}.` },
    approve: {
      sv: `${unitName} godkändes med ${errorsSv(errors)} kvar i raderna omgången omfattar${inSv}. Raderna är nu låsta; för att rätta dem måste enheten öppnas igen.`,
      en: `${unitName} was approved with ${errorsEn(errors)} left in the rows the round covers${inEn}. The rows are now locked; to correct them the unit must be reopened.`,
    },
    before: { sv: `${unitName} har ${errorsSv(errors)} kvar i raderna omgången omfattar${inSv}.`, en: `${unitName} has ${errorsEn(errors)} left in the rows the round covers${inEn}.` },
  }[when];
  return {
    sv: `${lead.sv} Se Problem i dokumenten, eller Problem kvar i omgångens fullständighet.`,
    en: `${lead.en} See Problems in the documents, or Problems left in the round's completeness.`,
  };
}
