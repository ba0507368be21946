/**
 * The help of the commands that move and keep a workspace's data: import, export, report, rounds,
 * backup, migrate and history, in Swedish and English (`cli-usage.ts` prints them; the parts are
 * in `cli-usage-rows.ts`).
 */
import { ARG, DB_ROWS, FILE_VALUE, opt, type CommandHelp } from './cli-usage-rows.js';

/** import, export, report, rounds, backup, migrate and history, in the order `samplan --help` lists them. */
export const DATA_COMMANDS = {
  import: {
    summary: {
      sv: `import ${ARG.workspace.sv} ${ARG.doc.sv} <fil.csv|.json|.xlsx|.ods> [--dry-run] [--json] [--lang sv|en]`,
      en: `import ${ARG.workspace.en} ${ARG.doc.en} <file.csv|.json|.xlsx|.ods> [--dry-run] [--json] [--lang sv|en]`,
    },
    options: [
      opt('dry-run', null, { sv: 'Kontrollera varje rad och skriv ut vad som skulle ändras; spara ingenting.', en: 'Check every row and print what would change; store nothing.' }),
      opt('json', null, {
        sv: 'Skriv ut hela svaret som JSON (varje rad som togs emot, med sitt id) i stället för antalen.',
        en: 'Print the whole answer as JSON (every row taken, with its id) instead of the counts.',
      }),
      opt('lang', 'sv|en', {
        sv: 'Antalen, vägrandena och anmärkningarna på svenska eller engelska (standard: som varje rad\nfrån samplan, språkinställningen när den är svenska eller engelska, annars svenska).',
        en: 'The counts, refusals and notes in Swedish or English (default: as every line of\nsamplan, the locale when it is Swedish or English, else Swedish).',
      }),
      ...DB_ROWS,
    ],
    notes: {
      sv: 'Anslutna klienter ser en import inom en sekund. Vägrade rader skrivs ut med skälet.\nSlutkod 2 när en rad hade ett personnummer, 1 när rader vägrades av andra skäl eller värden i\nfilen hölls tillbaka (någon annan ändrade cellen i Samplan sedan exporten).',
      en: 'Connected clients see an import within a second. Refused rows are printed with the reason.\nExits 2 when a row held a personnummer, 1 when rows were refused for other reasons or values of\nthe file were held back (someone else changed the cell in Samplan since the export).',
    },
    examples: ['samplan import hbi-stockholm aktivitetsplan-vc-tensta plan.csv --dry-run'],
  },
  export: {
    summary: {
      sv: `export ${ARG.workspace.sv} ${ARG.doc.sv} [--format csv|json|xlsx|ods] [--lang sv|en] [--sep semicolon] [--out FIL]`,
      en: `export ${ARG.workspace.en} ${ARG.doc.en} [--format csv|json|xlsx|ods] [--lang sv|en] [--sep semicolon] [--out FILE]`,
    },
    options: [
      opt('format', 'F', { sv: 'csv, json, xlsx eller ods; utelämnat: det som filändelsen i --out anger, annars csv.', en: "csv, json, xlsx or ods; left out: the one --out's extension names, else csv." }),
      opt('lang', 'sv|en', {
        sv: 'Kolumnnamnen på svenska (standard, oavsett språkinställning) eller engelska; även\nkommandots egna rader.',
        en: "Column names in Swedish (default, whatever the locale) or English; also the\ncommand's own lines.",
      }),
      opt('sep', 'semicolon', { sv: 'Semikolon mellan CSV-fälten (svenskt Excel).', en: 'Semicolons between CSV fields (Swedish Excel).' }),
      opt('out', FILE_VALUE, { sv: 'Skriv till FIL; - eller utelämnat: till standard ut (stdout; xlsx och ods bara när det leds vidare, inte till en terminal).', en: 'Write to FILE; - or left out: to standard output (xlsx and ods only when piped, not to a terminal).' }),
      ...DB_ROWS,
    ],
    examples: ['samplan export hbi-stockholm aktivitetsplan-vc-tensta --format xlsx --out plan.xlsx'],
  },
  report: {
    summary: {
      sv: `report ${ARG.workspace.sv} ${ARG.round.sv} [--unit KOD] [--lang sv|en] [--out FIL.html] [--pdf FIL.pdf]
      Styrgruppsrapporten för en uppföljningsomgång (länet, eller en enhet); PDF genom Chromium.`,
      en: `report ${ARG.workspace.en} ${ARG.round.en} [--unit CODE] [--lang sv|en] [--out FILE.html] [--pdf FILE.pdf]
      The styrgrupp report of a follow-up round (the county, or one unit); PDF through Chromium.`,
    },
    options: [
      opt('unit', { sv: 'KOD', en: 'CODE' }, { sv: 'En enhets rapport; utelämnat: hela länets.', en: "One unit's report; left out: the whole county's." }),
      opt('lang', 'sv|en', {
        sv: 'Rapporten på svenska (standard, oavsett språkinställning) eller engelska; även\nkommandots egna rader.',
        en: "The report in Swedish (default, whatever the locale) or English; also the\ncommand's own lines.",
      }),
      opt('out', { sv: 'FIL.html', en: 'FILE.html' }, { sv: 'Skriv HTML-rapporten; - för standard ut (kommandots egna rader då på stderr).', en: 'Write the HTML report; - for standard output (the command\'s own lines then on stderr).' }),
      opt('pdf', { sv: 'FIL.pdf', en: 'FILE.pdf' }, { sv: 'Skriv en PDF (kräver Chromium); - för standard ut när det leds vidare, inte till en terminal.', en: 'Write a PDF (needs Chromium); - for standard output when piped, not to a terminal.' }),
      ...DB_ROWS,
    ],
    notes: {
      sv: 'Slutkod 1 när ett dokument vars sparade historik inte går att avkoda lämnades utanför (som history scan\nslutar med 1 för ett sådant): rapporten skrivs ändå, namnger det, och stderr säger vilket.',
      en: 'Exit 1 when a document whose stored history does not decode was left out (as history scan\nexits 1 for one): the report is still written, names it, and stderr says which.',
    },
    examples: ['samplan report hbi-stockholm 2025-kv-4 --out styrgrupp.html'],
  },
  rounds: {
    summary: {
      sv: `rounds define --workspace WS --period "2026 kv 1" --due 2026-04-15 [--title TEXT] [--id ID]
      [--indicator NAMN]… [--indicator "1:NAMN"]… [--no-activities] [--interim] [--member ID]
      Lägg upp en uppföljningsomgång: indikatorer efter namn eller id i katalogen, "N:" för enbart enhetsnivå N.
rounds list --workspace WS
rounds close ${ARG.round.sv} --workspace WS [--reason TEXT] [--member ID]
      Stäng en hel omgång: ingen enhet lämnar in eller ändrar sina siffror i den förrän den öppnas igen.
rounds reopen ${ARG.round.sv} --workspace WS [--reason TEXT] [--member ID]`,
      en: `rounds define --workspace WS --period "2026 kv 1" --due 2026-04-15 [--title TEXT] [--id ID]
      [--indicator NAME]… [--indicator "1:NAME"]… [--no-activities] [--interim] [--member ID]
      Define a follow-up round: indicators by catalog name or id, "N:" for unit level N only.
rounds list --workspace WS
rounds close ${ARG.round.en} --workspace WS [--reason TEXT] [--member ID]
      Close a whole round: no unit submits or changes its figures in it until it is reopened.
rounds reopen ${ARG.round.en} --workspace WS [--reason TEXT] [--member ID]`,
    },
    options: [
      opt('workspace', 'WS', { sv: 'Arbetsytan.', en: 'The workspace.' }),
      opt('period', 'P', { sv: '"2026 kv 1", 2026Q1, "2026 halvår 1", "mars 2026" eller 2026.', en: '"2026 kv 1", 2026Q1, "2026 halvår 1", "mars 2026" or 2026.' }),
      opt('due', { sv: 'DATUM', en: 'DATE' }, { sv: 'Sista dagen att rapportera, med år: ÅÅÅÅ-MM-DD eller som i arbetsboken ("15 april 2026", 15/4 2026).', en: 'The last day to report, with its year: YYYY-MM-DD or as in the workbook ("15 april 2026", 15/4 2026).' }),
      opt('title', 'TEXT', { sv: 'Omgångens titel (standard: perioden i ord).', en: "The round's title (default: the period in words)." }),
      opt('id', 'ID', { sv: 'Omgångens id (standard: bildat av titeln).', en: "The round's id (default: made from the title)." }),
      opt('indicator', { sv: 'NAMN', en: 'NAME' }, {
        sv: 'En indikator i katalogen, efter namn eller id; "N:NAMN" för enbart enhetsnivå N. Kan upprepas.',
        en: 'An indicator of the catalog, by name or id; "N:NAME" for unit level N only. Repeatable.',
      }),
      opt('no-activities', null, { sv: 'Begär ingen uppföljning av aktiviteter.', en: 'Ask for no activity follow-up.' }),
      opt('interim', null, {
        sv: 'En delavstämning: sista dagen får ligga inom perioden, innan den är slut (annars vägras en sådan dag).',
        en: 'An interim round: the due date may lie inside the period, before it ends (else such a day is refused).',
      }),
      opt('member', 'ID', {
        sv: 'Medlemmen som registreras för att lägga upp, stänga eller öppna omgången igen (standard: samplan-cli);\nen medlem i arbetsytan.',
        en: 'The member recorded as defining, closing or reopening the round (default: samplan-cli);\na member of the workspace.',
      }),
      opt('reason', 'TEXT', { sv: 'Varför omgången stängs eller öppnas igen, sparas i dess historik (valfritt).', en: 'Why the round is closed or reopened, kept in its history (optional).' }),
      ...DB_ROWS,
    ],
    examples: [
      'samplan rounds define --workspace hbi-stockholm --period "2026 kv 1" --due 2026-04-15',
      'samplan rounds list --workspace hbi-stockholm',
      'samplan rounds close 2026-kv-1 --workspace hbi-stockholm --reason "Styrgruppen 18/7"',
    ],
  },
  backup: {
    summary: { sv: `backup ${ARG.file.sv}`, en: `backup ${ARG.file.en}` },
    options: [
      opt('overwrite', null, {
        sv: 'Ersätt filen om den finns (aldrig själva databasen eller dess -wal- eller -shm-fil).',
        en: 'Replace the file if it exists (never the database itself, its -wal or -shm file).',
      }),
      ...DB_ROWS,
    ],
    notes: { sv: 'En konsistent kopia, även medan servern körs; filens mapp skapas.', en: "A consistent copy, also while the server runs; the file's folder is made." },
    examples: ['samplan backup ./backups/samplan-2026-01-31.db'],
  },
  migrate: {
    summary: {
      sv: `migrate --from <sqlite-fil> --to postgres://…
      Kopiera allt till en tom PostgreSQL-databas och kontrollera den (antal, dokumentens innehåll);
      körs det igen efter att ha stoppats kontrollerar det i stället kopian som redan finns där.`,
      en: `migrate --from <sqlite file> --to postgres://…
      Copy everything into an empty PostgreSQL database and verify it (counts, document states);
      run again after it was stopped, it verifies a copy already there instead.`,
    },
    options: [
      opt('from', FILE_VALUE, { sv: 'SQLite-filen (ingen server får köra på den; den är låst medan den kopieras).', en: 'The SQLite file (no server may run on it; it is locked while copying).' }),
      opt('to', 'URL', { sv: 'Den tomma PostgreSQL-databasen, postgres://….', en: 'The empty PostgreSQL database, postgres://….' }),
    ],
    examples: ['samplan migrate --from ./data/samplan.db --to postgres://samplan@db.example/samplan'],
  },
  history: {
    summary: {
      sv: `history scan [${ARG.workspace.sv}[/${ARG.doc.sv}]]
history drop ${ARG.workspace.sv}/${ARG.doc.sv} [--dry-run]
history drop --all-flagged [${ARG.workspace.sv}] [--vacuum]
history drop --key <n> [--dry-run]
      Hitta ett personnummer som tagits bort ur ett dokument men som dess sparade historik ändå har
      (uppdateringar, ögonblicksbilder och deras nya innehåll, kontrollpunkter, tillbakatagningar), och ett
      som dess nuvarande innehåll har (namngivet för sig, efter sökväg); drop ersätter den historiken med
      det kontrollerade nuvarande innehållet. Uppdateringar som inget sista sekvensnummer räknar tas bort
      som de är: ett dokuments utan sekvensräknare (PostgreSQL), och de under en nyckel som inget dokument
      har (SQLite, namngivna efter nyckeln som sökningen av alla skriver ut).`,
      en: `history scan [${ARG.workspace.en}[/${ARG.doc.en}]]
history drop ${ARG.workspace.en}/${ARG.doc.en} [--dry-run]
history drop --all-flagged [${ARG.workspace.en}] [--vacuum]
history drop --key <n> [--dry-run]
      Find a personnummer deleted from a document but still held by its stored history (updates,
      snapshots and their fresh state, checkpoints, take-backs), and one its live state holds (named
      apart, by path); drop replaces that history by the checked live state. Updates no last
      sequence number counts are deleted as they are: a document's with no head (PostgreSQL), and
      those under a key no document has (SQLite, named by the key the scan of all prints).`,
    },
    options: [
      opt('dry-run', null, { sv: 'drop: säg vad som skulle tas bort, skriv ingenting.', en: 'drop: say what would go, write nothing.' }),
      opt('all-flagged', null, {
        sv: 'drop: historiken för varje dokument som sökningen flaggar (i den namngivna arbetsytan).',
        en: 'drop: the history of every document the scan flags (of the workspace named).',
      }),
      opt('key', 'N', { sv: 'drop: uppdateringsraderna under nyckel N, som inget dokument har (SQLite).', en: 'drop: the update rows under key N, which no document has (SQLite).' }),
      opt('vacuum', null, {
        sv: 'drop på PostgreSQL: skriv sedan om historiktabellerna (VACUUM FULL), så att\nde borttagna bytena lämnar tabellfilerna; låser dem medan det pågår.',
        en: 'drop on PostgreSQL: then rewrite the history tables (VACUUM FULL), so the\ndropped bytes leave the table files; locks them while it runs.',
      }),
      ...DB_ROWS,
    ],
    notes: {
      sv: 'Slutkod 2 när ett personnummer hittas (scan) eller det nuvarande innehållet har ett (drop: inget skrivs).\nStällen namnges (uppdatering 12, kontrollpunkt 40, ögonblicksbilden, tillbakatagning 1), aldrig numret.\nFungerar bredvid en server som körs; en ändring under tiden får drop att läsa dokumentet igen.',
      en: 'Exit 2 when a personnummer is found (scan) or the live state holds one (drop: nothing written).\nPlaces are named (update 12, checkpoint 40, snapshot, take-back 1), never the number. Works\nbeside a running server; an edit that comes meanwhile makes the drop read the document again.',
    },
    examples: [
      'samplan history scan hbi-stockholm',
      'samplan history drop hbi-stockholm/aktivitetsplan-vc-husby-akalla --dry-run',
      'samplan history drop --all-flagged',
    ],
  },
} as const satisfies Record<string, CommandHelp>;
