/** Periods as people read them: "kvartal 2 2024", "juni 2024", "Q2 2024", "June 2024". */
import type { Period } from '../catalog/period.js';
import type { Lang } from './t.js';

const MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A period in words for headers, tooltips and the pane. */
export function periodLabel(p: Period, lang: Lang): string {
  switch (p.kind) {
    case 'year':
      return String(p.year);
    case 'half':
      if (lang === 'sv') return `${p.index === 1 ? 'första' : 'andra'} halvåret ${p.year}`;
      return `${p.index === 1 ? 'first' : 'second'} half of ${p.year}`;
    case 'quarter':
      return lang === 'sv' ? `kvartal ${p.index} ${p.year}` : `Q${p.index} ${p.year}`;
    case 'month':
      return `${MONTHS[lang][p.index - 1] ?? p.index} ${p.year}`;
  }
}
