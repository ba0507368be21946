/**
 * The help of the `samplan` command, from one table: `samplan --help` lists every command's
 * summary, `samplan <command> --help` (or `samplan help <command>`) prints that command's summary,
 * its options and examples. The command names the CLI accepts are this table's keys.
 * Examples use the demo workspace (`hbi-stockholm`, its units, documents and rounds, see
 * `server/demo/seed.ts`) and are run against it by `cli-help-examples*.test.ts`: none is a template.
 */

/** One command's help: plain text lines, indented as printed. */
interface CommandHelp {
  /** The command's lines under "Commands:" in `samplan --help`. */
  summary: string;
  /** Options and notes printed by `samplan <command> --help` only. */
  options: string;
  /** Example command lines. */
  examples: string[];
}

const DB_OPTIONS = `  --db FILE           The SQLite file (env SAMPLAN_DB, default ./data/samplan.db).
  --database-url URL  PostgreSQL instead, postgres://… (env SAMPLAN_DATABASE_URL).`;
const REDIS_OPTION = `  --redis-url URL     redis://… (env SAMPLAN_REDIS_URL): tell the servers of that PostgreSQL database at once
                      (refused with an SQLite file, as serve refuses it).`;

/** The commands of `samplan`, in the order `samplan --help` lists them. */
export const COMMANDS = {
  serve: {
    summary: `serve [--demo] [--port N] [--host H] [--public-url URL] [--log-level L]
      Run the server. Env: PORT (8787), HOST (127.0.0.1), SAMPLAN_DB, SAMPLAN_PUBLIC_URL, LOG_LEVEL.
      Work-account sign-in: --oidc-issuer URL --oidc-client-id ID --oidc-workspace WS
      [--oidc-audience A,B] [--oidc-roles "group=role[:unit,…];…"] [--oidc-auto-provision]
      (or SAMPLAN_OIDC_*; see the README's section for IT).`,
    options: `  --demo              Seed the demo workspace hbi-stockholm on first start and print its tokens.
  --port N            Port to listen on (env PORT, default 8787).
  --host H            Address to listen on (env HOST, default 127.0.0.1).
  --public-url URL    The address clients use, e.g. behind a proxy (env SAMPLAN_PUBLIC_URL).
  --log-level L       trace, debug, info (default), warn, error, fatal or silent (env LOG_LEVEL).
${DB_OPTIONS}
  --redis-url URL     redis://… (env SAMPLAN_REDIS_URL): run as one of several processes on PostgreSQL.
The server locks the database (<db>.lock): a second server on the same file refuses to start.`,
    examples: ['samplan serve --demo', 'samplan serve --db /srv/samplan/samplan.db --port 8080 --public-url https://samplan.example.se'],
  },
  stop: {
    summary: `stop  Stop the server running on the SQLite file (npm stop); servers on PostgreSQL stop with SIGTERM.`,
    options: `  --db FILE           The server's SQLite file (env SAMPLAN_DB, default ./data/samplan.db); its
                      <db>.pid names the process. Waits up to 15 s for it to finish.`,
    examples: ['samplan stop', 'samplan stop --db /srv/samplan/samplan.db'],
  },
  token: {
    summary: `token create --workspace WS --member ID [--expires 30d|12h|2026-12-31] [--label TEXT]
token list [--workspace WS]
token revoke <id>`,
    options: `  --workspace WS      The workspace (list: all when left out).
  --member ID         The member the token signs in as.
  --expires T         A duration (30d, 12h, 90m) or a date; left out: the token does not expire.
  --label TEXT        Where the token is used, shown by token list.
${DB_OPTIONS}
${REDIS_OPTION}
The secret is printed once, at create.`,
    examples: [
      'samplan token create --workspace hbi-stockholm --member nina --expires 30d --label "Excel, Husby"',
      'samplan token list --workspace hbi-stockholm',
      'samplan token revoke <id from token list>',
    ],
  },
  member: {
    summary: `member add --workspace WS --id ID --name NAME --role admin|coordinator|editor|viewer [--units U1,U2]
member remove --workspace WS --id ID
member list [--workspace WS]`,
    options: `  --workspace WS      The workspace (list: all when left out).
  --id ID             The member's id; add: an existing member is updated.
  --name NAME         The name shown to others.
  --role R            admin, coordinator, editor or viewer.
  --units U1,U2       The unit codes the member works for.
${DB_OPTIONS}
${REDIS_OPTION}
member remove revokes the member's tokens and sessions and closes their connections, as removing
them in the Members view does; sign-in by group rules does not add them back until member add.`,
    examples: [
      'samplan member add --workspace hbi-stockholm --id nina --name "Nina Ek" --role editor --units vc-husby-akalla',
      'samplan member remove --workspace hbi-stockholm --id nina',
      'samplan member list --workspace hbi-stockholm',
    ],
  },
  workspace: {
    summary: `workspace create --id WS --name NAME | workspace rename WS --name NAME | workspace list`,
    options: `  --id WS             The new workspace's id.
  --name NAME         Its name.
  --workspace WS      The workspace to rename (or give it after rename).
${DB_OPTIONS}
workspace create creates the SQLite file when there is none (a new deployment's first step).`,
    examples: ['samplan workspace create --id hbi-stockholm --name "Region Stockholm"', 'samplan workspace list'],
  },
  unit: {
    summary: `unit add --workspace WS --code CODE --name NAME [--parent CODE]
unit rename --workspace WS --code CODE --name NAME | unit list --workspace WS`,
    options: `  --workspace WS      The workspace.
  --code CODE         The unit's code.
  --name NAME         Its name.
  --parent CODE       The unit it belongs under (add).
${DB_OPTIONS}`,
    examples: [
      'samplan unit add --workspace hbi-stockholm --code region-stockholm --name "Region Stockholm"',
      'samplan unit add --workspace hbi-stockholm --code vc-husby-akalla --name "Husby-Akalla vårdcentral" --parent region-stockholm',
      'samplan unit list --workspace hbi-stockholm',
    ],
  },
  import: {
    summary: `import <workspace> <doc> <file.csv|.json|.xlsx|.ods> [--dry-run] [--json] [--lang sv|en]`,
    options: `  --dry-run           Check every row and print what would change; store nothing.
  --json              Print the whole answer as JSON (every row taken, with its id) instead of the counts.
  --lang sv|en        The counts, refusals and notes in Swedish or English (default: as every line of
                      samplan, the locale when it is Swedish or English, else Swedish).
${DB_OPTIONS}
Connected clients see an import within a second. Refused rows are printed with the reason.
Exits 2 when a row held a personnummer, 1 when rows were refused for other reasons or values of
the file were held back (someone else changed the cell in Samplan since the export).`,
    examples: ['samplan import hbi-stockholm aktivitetsplan-vc-tensta plan.csv --dry-run'],
  },
  export: {
    summary: `export <workspace> <doc> [--format csv|json|xlsx|ods] [--lang sv|en] [--sep semicolon] [--out FILE]`,
    options: `  --format F          csv, json, xlsx or ods; left out: the one --out's extension names, else csv.
  --lang sv|en        Column names in Swedish (default, whatever the locale) or English; also the
                      command's own lines.
  --sep semicolon     Semicolons between CSV fields (Swedish Excel).
  --out FILE          Write to FILE; left out: to standard output.
${DB_OPTIONS}`,
    examples: ['samplan export hbi-stockholm aktivitetsplan-vc-tensta --format xlsx --out plan.xlsx'],
  },
  report: {
    summary: `report <workspace> <round> [--unit CODE] [--lang sv|en] [--out FILE.html] [--pdf FILE.pdf]
      The styrgrupp report of a follow-up round (the county, or one unit); PDF through Chromium.`,
    options: `  --unit CODE         One unit's report; left out: the whole county's.
  --lang sv|en        The report in Swedish (default, whatever the locale) or English; also the
                      command's own lines.
  --out FILE.html     Write the HTML report.
  --pdf FILE.pdf      Write a PDF (needs Chromium).
${DB_OPTIONS}
Exit 1 when a document whose stored history does not decode was left out (as history scan
exits 1 for one): the report is still written, names it, and stderr says which.`,
    examples: ['samplan report hbi-stockholm 2025-kv-4 --out styrgrupp.html'],
  },
  rounds: {
    summary: `rounds define --workspace WS --period "2026 kv 1" --due 2026-04-15 [--title TEXT] [--id ID]
      [--indicator NAME]… [--indicator "1:NAME"]… [--no-activities] [--member ID]
      Define a follow-up round: indicators by catalog name or id, "N:" for unit level N only.
rounds list --workspace WS
rounds close <round> --workspace WS [--reason TEXT] [--member ID]
      Close a whole round: no unit submits or changes its figures in it until it is reopened.
rounds reopen <round> --workspace WS [--reason TEXT] [--member ID]`,
    options: `  --workspace WS      The workspace.
  --period P          "2026 kv 1", 2026Q1, "2026 halvår 1", "mars 2026" or 2026.
  --due DATE          The last day to report, YYYY-MM-DD.
  --title TEXT        The round's title (default: the period in words).
  --id ID             The round's id (default: made from the title).
  --indicator NAME    An indicator of the catalog, by name or id; "N:NAME" for unit level N only. Repeatable.
  --no-activities     Ask for no activity follow-up.
  --member ID         The member recorded as defining, closing or reopening the round (default: samplan-cli);
                      a member of the workspace.
  --reason TEXT       Why the round is closed or reopened, kept in its history (optional).
${DB_OPTIONS}`,
    examples: ['samplan rounds define --workspace hbi-stockholm --period "2026 kv 1" --due 2026-04-15', 'samplan rounds list --workspace hbi-stockholm', 'samplan rounds close 2026-kv-1 --workspace hbi-stockholm --reason "Styrgruppen 18/7"'],
  },
  backup: {
    summary: `backup <file>`,
    options: `  --overwrite         Replace the file if it exists (never the database itself, its -wal or -shm file).
${DB_OPTIONS}
A consistent copy, also while the server runs; the file's folder is made.`,
    examples: ['samplan backup ./backups/samplan-2026-01-31.db'],
  },
  migrate: {
    summary: `migrate --from <sqlite file> --to postgres://…
      Copy everything into an empty PostgreSQL database and verify it (counts, document states);
      run again after it was stopped, it verifies a copy already there instead.`,
    options: `  --from FILE         The SQLite file (no server may run on it; it is locked while copying).
  --to URL            The empty PostgreSQL database, postgres://….`,
    examples: ['samplan migrate --from ./data/samplan.db --to postgres://samplan@db.example/samplan'],
  },
  history: {
    summary: `history scan [<workspace>[/<doc>]]
history drop <workspace>/<doc> [--dry-run]
history drop --all-flagged [<workspace>] [--vacuum]
history drop --key <n> [--dry-run]
      Find a personnummer deleted from a document but still held by its stored history (updates,
      snapshots and their fresh state, checkpoints, take-backs), and one its live state holds (named
      apart, by path); drop replaces that history by the checked live state. Updates no last
      sequence number counts are deleted as they are: a document's with no head (PostgreSQL), and
      those under a key no document has (SQLite, named by the key the scan of all prints).`,
    options: `  --dry-run           drop: say what would go, write nothing.
  --all-flagged       drop: the history of every document the scan flags (of the workspace named).
  --key N             drop: the update rows under key N, which no document has (SQLite).
  --vacuum            drop on PostgreSQL: then rewrite the history tables (VACUUM FULL), so the
                      dropped bytes leave the table files; locks them while it runs.
${DB_OPTIONS}
Exit 2 when a personnummer is found (scan) or the live state holds one (drop: nothing written).
Places are named (update 12, checkpoint 40, snapshot, take-back 1), never the number. Works
beside a running server; an edit that comes meanwhile makes the drop read the document again.`,
    examples: ['samplan history scan hbi-stockholm', 'samplan history drop hbi-stockholm/aktivitetsplan-vc-husby-akalla --dry-run', 'samplan history drop --all-flagged'],
  },
} as const satisfies Record<string, CommandHelp>;

/** A command of `samplan`. */
export type CommandName = keyof typeof COMMANDS;

/** The command names, in the table's order. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as [CommandName, ...CommandName[]];

/** Whether `word` (as typed) is the name of a command; `help` is none. */
export function isCommandName(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}

const indent = (text: string): string => text.replace(/^/gm, '  ');

/** `samplan --help`: every command's summary, the options all commands share and `--version`. */
export const USAGE = `Usage: samplan <command> [options]   (samplan <command> --help for one command)
       samplan --version                (or -v: the version of Samplan)

Commands:
${COMMAND_NAMES.map((name) => indent(COMMANDS[name].summary)).join('\n')}
Every command takes --db FILE (default ./data/samplan.db, env SAMPLAN_DB), or --database-url
postgres://… (env SAMPLAN_DATABASE_URL) to use PostgreSQL, and --lang sv|en for its lines, refusals
and failures in Swedish or English (default: the locale, LC_ALL, LC_MESSAGES or LANG, when it is
Swedish or English, else Swedish; sentences that exist in English only stay English); serve also takes --redis-url redis://…
(env SAMPLAN_REDIS_URL) to run as one of several processes on that database, and token revoke,
member add and member remove take it to tell those processes at once.
serve locks the database (<db>.lock): a second server on the same file refuses to start. The other
commands work beside a running server; its connected clients see an import within a second.`;

/** `samplan <command> --help`: the command's summary, options and examples. */
export function commandUsage(name: CommandName): string {
  const help: CommandHelp = COMMANDS[name];
  // A summary line names forms of the command (" | " between them); an indented one continues
  // the form above it.
  const forms = help.summary.split('\n').flatMap((line) => (line.startsWith(' ') ? [line] : line.split(' | '))).map((line) => (line.startsWith(' ') ? `  ${line}` : `  samplan ${line}`));
  return `Usage:
${forms.join('\n')}

Options:
${help.options}

Example${help.examples.length > 1 ? 's' : ''}:
${help.examples.map((e) => `  ${e}`).join('\n')}`;
}
