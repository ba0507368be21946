/**
 * `samplan migrate --from <sqlite file> --to postgres://…`: copy an SQLite database into an empty
 * PostgreSQL one, verify the copy and print the counts (`migrate.ts`).
 *
 * @example
 * samplan migrate --from ./data/samplan.db --to postgres://samplan@db.example/samplan
 */
import type { Flags } from './cli-args.js';
import { checkMigrateArguments } from './cli-check.js';
import { migrateSqliteToPostgres } from './migrate.js';

/**
 * Copy, verify, print the counts; resolves with 0 when the copy (or one already there) matches the
 * file, 1 when it does not. Throws {@link CliError} for a missing or wrong --from or --to.
 */
export async function migrateCommand(flags: Flags, checked: { from: string; to: string } = checkMigrateArguments(flags)): Promise<number> {
  const { from, to } = checked;
  let last = 0;
  const report = await migrateSqliteToPostgres(from, to, (line) => {
    // One line a second is enough to show it moves.
    if (Date.now() - last < 1000 && !/(\d[\d,]*)\/\1$/.test(line)) return;
    last = Date.now();
    console.log(line);
  });
  const width = Math.max(...report.tables.map((t) => t.name.length));
  for (const t of report.tables) console.log(`${t.name.padEnd(width)} ${String(t.source).padStart(9)} → ${String(t.target).padStart(9)}${t.source === t.target ? '' : '  MISMATCH'}`);
  const countsOk = report.tables.every((t) => t.source === t.target);
  if (!countsOk || report.mismatched.length > 0) {
    const differ = report.mismatched.length ? `${report.mismatched.length} differ (${report.mismatched.slice(0, 5).join(', ')}${report.mismatched.length > 5 ? ', …' : ''})` : null;
    console.error(`Verification failed: ${[differ, countsOk ? null : 'the row counts differ'].filter(Boolean).join('; ')}.`);
    return 1;
  }
  if (report.alreadyCopied) {
    console.log(`Nothing copied: the target already holds a whole copy of ${from} (an earlier migrate copied it; verified now: every table's rows, every workspace's records, the audit trail's content and all ${report.documents} documents' states match). Start the servers with --database-url.`);
    return 0;
  }
  console.log(`Verified: every table's rows, every workspace's records, the audit trail's content and all ${report.documents} documents' states match. Start the servers with --database-url.`);
  return 0;
}
