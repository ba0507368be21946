/**
 * `samplan migrate --from <sqlite file> --to postgres://…`: copy an SQLite database into an empty
 * PostgreSQL one, verify the copy and print the counts (`migrate.ts`).
 *
 * @example
 * samplan migrate --from ./data/samplan.db --to postgres://samplan@db.example/samplan
 */
import type { Flags } from './cli-args.js';
import { checkMigrateArguments } from './cli-check.js';
import type { CliLang } from './cli-lang.js';
import { migrateSqliteToPostgres } from './migrate.js';
import { MISMATCH, mismatchWords, verificationFailedWords } from './migrate-words.js';
import { numberText } from '../shared/i18n/number-words.js';

/**
 * Copy, verify, print the counts; resolves with 0 when the copy (or one already there) matches the
 * file, 1 when it does not. Every line is in `lang` (`cli-lang.ts`): the progress lines, the count
 * rows (table names and numbers, a mismatch marked) and the closing line. Throws {@link CliError} for a missing or wrong --from or --to.
 */
export async function migrateCommand(flags: Flags, checked: { from: string; to: string } = checkMigrateArguments(flags), lang: CliLang = 'en'): Promise<number> {
  const { from, to } = checked;
  let last = 0;
  const report = await migrateSqliteToPostgres(from, to, (line) => {
    // One line a second is enough to show it moves.
    if (Date.now() - last < 1000 && !/(\d[\d,]*)\/\1$/.test(line.en)) return;
    last = Date.now();
    console.log(line[lang]);
  });
  const width = Math.max(...report.tables.map((t) => t.name.length));
  for (const t of report.tables) console.log(`${t.name.padEnd(width)} ${String(t.source).padStart(9)} → ${String(t.target).padStart(9)}${t.source === t.target ? '' : `  ${MISMATCH[lang]}`}`);
  const countsOk = report.tables.every((t) => t.source === t.target);
  if (!countsOk || report.mismatched.length > 0) {
    const named = `${report.mismatched.slice(0, 5).map((m) => mismatchWords(m)[lang]).join(', ')}${report.mismatched.length > 5 ? ', …' : ''}`;
    const differ = report.mismatched.length ? { sv: `${numberText(report.mismatched.length, 'sv')} skiljer sig (${named})`, en: `${numberText(report.mismatched.length, 'en')} differ (${named})` } : null;
    const counts = countsOk ? null : { sv: 'antalet rader skiljer sig', en: 'the row counts differ' };
    const why = [differ, counts].filter((w) => w !== null).map((w) => w[lang]).join('; ');
    console.error(verificationFailedWords({ sv: why, en: why })[lang]);
    return 1;
  }
  const n = report.documents;
  const matched = {
    sv: `varje tabells rader, varje arbetsytas poster, granskningsloggens innehåll och alla ${numberText(n, 'sv')} dokuments tillstånd stämmer`,
    en: `every table's rows, every workspace's records, the audit trail's content and all ${numberText(n, 'en')} documents' states match`,
  };
  if (report.alreadyCopied) {
    const said = {
      sv: `Ingenting kopierades: målet har redan en hel kopia av ${from} (en tidigare migrate kopierade den; kontrollerat nu: ${matched.sv}). Starta servrarna med --database-url.`,
      en: `Nothing copied: the target already holds a whole copy of ${from} (an earlier migrate copied it; verified now: ${matched.en}). Start the servers with --database-url.`,
    };
    console.log(said[lang]);
    return 0;
  }
  const said = { sv: `Kontrollerat: ${matched.sv}. Starta servrarna med --database-url.`, en: `Verified: ${matched.en}. Start the servers with --database-url.` };
  console.log(said[lang]);
  return 0;
}
