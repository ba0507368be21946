/**
 * The arguments of `samplan history scan|drop`, checked before the store or any of the server is
 * loaded (`cli-check.ts`).
 */
import { CliError, quoted, type Flags } from './cli-args.js';
import { ARG } from './cli-usage-rows.js';

/** `--vacuum` given to a drop on SQLite. */
export const VACUUM_SQLITE = {
  sv: '--vacuum är för PostgreSQL (--database-url): SQLite skriver över de borttagna bytena när den tar bort dem.',
  en: '--vacuum is for PostgreSQL (--database-url): SQLite overwrites the dropped bytes as it drops them.',
};

/** `<workspace>/<doc>` or `<workspace>` as typed; the document id is what follows the first slash. */
function refOf(text: string): { workspace: string; doc: string | null } {
  const slash = text.indexOf('/');
  if (slash < 0) return { workspace: text, doc: null };
  const [workspace, doc] = [text.slice(0, slash), text.slice(slash + 1)];
  if (workspace === '' || doc === '') throw new CliError({ sv: `${quoted(text)} är inte ${ARG.workspace.sv}/${ARG.doc.sv}, t.ex. hbi-stockholm/aktivitetsplan-vc-husby.`, en: `${quoted(text)} is not <workspace>/<doc>, e.g. hbi-stockholm/aktivitetsplan-vc-husby.` }, true);
  return { workspace, doc };
}

/**
 * A key as the scan prints it: an SQLite rowid is a signed 64-bit integer, so a row's key (rowid
 * divided by 2^32, rounded down) lies in −2^31 … 2^31 − 1; 0 and below are keys no document is
 * ever given but rows put by a hand may have.
 */
const KEY = /^(0|-?[1-9]\d{0,9})$/;

/** What `history <sub>` was asked, checked. */
export interface HistoryArguments {
  /** The workspace, or the document, named; null for all. */
  target: { workspace: string; doc: string | null } | null;
  /** `drop --all-flagged`. */
  all: boolean;
  /** `drop --key <n>`: the update rows under a key no document has; null when not given. */
  key: number | null;
  dryRun: boolean;
  vacuum: boolean;
}

/**
 * The arguments of `history <sub>` (`rest`: those after `sub`). `databaseUrl`: the configured
 * PostgreSQL address, null for SQLite (where `--vacuum` is refused), or null when not known yet
 * (the store says so then). Throws a {@link CliError} (an argument error) for an unknown
 * subcommand, a name that is no `<workspace>/<doc>`, and options that do not go together.
 */
export function checkHistoryArguments(sub: string | undefined, rest: readonly string[], flags: Flags, databaseUrl: string | null | undefined): HistoryArguments {
  const target = rest[0] === undefined ? null : refOf(rest[0]);
  const all = flags['all-flagged'] === true;
  const dryRun = flags['dry-run'] === true;
  const vacuum = flags.vacuum === true;
  const keyText = typeof flags.key === 'string' ? flags.key : null;
  if (sub === 'scan') {
    if (all || dryRun || keyText !== null) throw new CliError({ sv: 'samplan history scan tar varken --all-flagged, --dry-run eller --key; de hör till samplan history drop.', en: 'samplan history scan takes neither --all-flagged, --dry-run nor --key; they belong to samplan history drop.' }, true);
    return { target, all, dryRun, vacuum, key: null };
  }
  if (sub !== 'drop') throw new CliError({ sv: `Okänt history-kommando ${quoted(sub ?? '')}; använd scan eller drop.`, en: `Unknown history command ${quoted(sub ?? '')}; use scan or drop.` }, true);
  if (keyText !== null) {
    if (!KEY.test(keyText) || Number(keyText) < -(2 ** 31) || Number(keyText) >= 2 ** 31) throw new CliError({ sv: `--key tar talet som samplan history scan skrev (nyckel 7: --key 7; nyckel -1: --key=-1), inte ${quoted(keyText)}.`, en: `--key takes the number samplan history scan printed (key 7: --key 7; key -1: --key=-1), not ${quoted(keyText)}.` }, true);
    if (target !== null || all) throw new CliError({ sv: '--key namnger uppdateringsrader som inget dokument har: ge den ensam, utan ett dokument eller --all-flagged.', en: '--key names update rows no document has: give it alone, without a document or --all-flagged.' }, true);
    if (vacuum) throw new CliError({ sv: '--vacuum är för PostgreSQL (--database-url) och --key för SQLite.', en: '--vacuum is for PostgreSQL (--database-url), and --key for SQLite.' }, true);
    return { target, all, dryRun, vacuum, key: Number(keyText) };
  }
  // A workspace alone is the likeliest slip: said as such, with the two commands that take one.
  if (!all && target !== null && target.doc === null) {
    const ws = quoted(target.workspace).slice(1, -1);
    throw new CliError(
      {
        sv: `"${ws}" namnger en arbetsyta, inte ett dokument: samplan history drop tar ett dokument, ${ws}/${ARG.doc.sv}, eller --all-flagged ${ws} för att ta bort historiken för varje dokument i den som sökningen flaggar.`,
        en: `"${ws}" names a workspace, not a document: samplan history drop takes one document, ${ws}/<doc>, or --all-flagged ${ws} to drop the history of every document of it the scan flags.`,
      },
      true,
    );
  }
  if (!all && !target?.doc) throw new CliError(
      {
        sv: `${ARG.workspace.sv}/${ARG.doc.sv} saknas (eller --all-flagged för att ta bort historiken för varje dokument som sökningen flaggar, eller --key <n> för raderna under en nyckel som inget dokument har).`,
        en: 'Missing <workspace>/<doc> (or --all-flagged to drop the history of every document the scan flags, or --key <n> for the rows under a key no document has).',
      },
      true,
    );
  if (all && target?.doc) throw new CliError({ sv: '--all-flagged tar högst en arbetsyta, inte ett dokument: namnge dokumentet ensamt, eller utelämna --all-flagged.', en: '--all-flagged takes a workspace at most, not a document: name the document alone, or leave --all-flagged out.' }, true);
  if (vacuum && dryRun) throw new CliError({ sv: '--vacuum skriver om tabeller och --dry-run skriver inget: ge en av dem.', en: '--vacuum rewrites tables and --dry-run writes nothing: give one of them.' }, true);
  if (vacuum && databaseUrl === null) throw new CliError(VACUUM_SQLITE, true);
  return { target, all, dryRun, vacuum, key: null };
}
