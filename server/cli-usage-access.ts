/**
 * The help of the commands that run the server and say who may do what: serve, stop, token,
 * member, workspace and unit, in Swedish and English (`cli-usage.ts` prints them; the parts are
 * in `cli-usage-rows.ts`).
 */
import { both } from './cli-lang.js';
import { DB_ROWS, FILE_VALUE, levelList, opt, REDIS_TELL_ROW, type CommandHelp } from './cli-usage-rows.js';

const NAME = { sv: 'NAMN', en: 'NAME' };
const CODE = { sv: 'KOD', en: 'CODE' };
const WORKSPACE_OR_ALL = opt('workspace', 'WS', { sv: 'Arbetsytan (list: alla när den utelämnas).', en: 'The workspace (list: all when left out).' });

/** serve, stop, token, member, workspace and unit, in the order `samplan --help` lists them. */
export const ACCESS_COMMANDS = {
  serve: {
    summary: {
      sv: `serve [--demo] [--port N] [--host H] [--public-url URL] [--log-level L]
      Kör servern. Miljövariabler: PORT (8787), HOST (127.0.0.1), SAMPLAN_DB, SAMPLAN_PUBLIC_URL, LOG_LEVEL.
      Inloggning med jobbkonto: --oidc-issuer URL --oidc-client-id ID --oidc-workspace WS
      [--oidc-audience A,B] [--oidc-roles "grupp=roll[:enhet,…];…"] [--oidc-auto-provision]
      (eller SAMPLAN_OIDC_*; se README:ns avsnitt för IT).`,
      en: `serve [--demo] [--port N] [--host H] [--public-url URL] [--log-level L]
      Run the server. Env: PORT (8787), HOST (127.0.0.1), SAMPLAN_DB, SAMPLAN_PUBLIC_URL, LOG_LEVEL.
      Work-account sign-in: --oidc-issuer URL --oidc-client-id ID --oidc-workspace WS
      [--oidc-audience A,B] [--oidc-roles "group=role[:unit,…];…"] [--oidc-auto-provision]
      (or SAMPLAN_OIDC_*; see the README's section for IT).`,
    },
    options: [
      opt('demo', null, { sv: 'Skapa demoarbetsytan hbi-stockholm vid första starten och skriv ut dess token.', en: 'Seed the demo workspace hbi-stockholm on first start and print its tokens.' }),
      opt('port', 'N', { sv: 'Porten att lyssna på (miljövariabel PORT, standard 8787).', en: 'Port to listen on (env PORT, default 8787).' }),
      opt('host', 'H', { sv: 'Adressen att lyssna på (miljövariabel HOST, standard 127.0.0.1).', en: 'Address to listen on (env HOST, default 127.0.0.1).' }),
      opt('public-url', 'URL', { sv: 'Adressen klienterna använder, t.ex. bakom en proxy (miljövariabel SAMPLAN_PUBLIC_URL).', en: 'The address clients use, e.g. behind a proxy (env SAMPLAN_PUBLIC_URL).' }),
      opt('log-level', 'L', { sv: `${levelList('sv')} (miljövariabel LOG_LEVEL).`, en: `${levelList('en')} (env LOG_LEVEL).` }),
      ...DB_ROWS,
      opt('redis-url', 'URL', { sv: 'redis://… (miljövariabel SAMPLAN_REDIS_URL): kör som en av flera processer på PostgreSQL.', en: 'redis://… (env SAMPLAN_REDIS_URL): run as one of several processes on PostgreSQL.' }),
    ],
    notes: {
      sv: 'Servern låser databasen (<db>.lock): en andra server på samma fil vägrar att starta.',
      en: 'The server locks the database (<db>.lock): a second server on the same file refuses to start.',
    },
    examples: ['samplan serve --demo', 'samplan serve --db /srv/samplan/samplan.db --port 8080 --public-url https://samplan.example.se'],
  },
  stop: {
    summary: {
      sv: 'stop  Stoppa servern som körs på SQLite-filen (npm stop); servrar på PostgreSQL stoppas med SIGTERM.',
      en: 'stop  Stop the server running on the SQLite file (npm stop); servers on PostgreSQL stop with SIGTERM.',
    },
    options: [
      opt('db', FILE_VALUE, {
        sv: 'Serverns SQLite-fil (miljövariabel SAMPLAN_DB, standard ./data/samplan.db); dess\n<db>.pid namnger processen. Väntar upp till 15 s på att den avslutas.',
        en: "The server's SQLite file (env SAMPLAN_DB, default ./data/samplan.db); its\n<db>.pid names the process. Waits up to 15 s for it to finish.",
      }),
    ],
    examples: ['samplan stop', 'samplan stop --db /srv/samplan/samplan.db'],
  },
  token: {
    summary: both(`token create --workspace WS --member ID [--expires 30d|12h|2026-12-31] [--label TEXT]
token list [--workspace WS]
token revoke <id>`),
    options: [
      WORKSPACE_OR_ALL,
      opt('member', 'ID', { sv: 'Medlemmen som token loggar in som.', en: 'The member the token signs in as.' }),
      opt('expires', 'T', { sv: 'En tid (30d, 12h, 90m) eller ett datum; utelämnat: token upphör aldrig att gälla.', en: 'A duration (30d, 12h, 90m) or a date; left out: the token does not expire.' }),
      opt('label', 'TEXT', { sv: 'Var token används, visas av token list.', en: 'Where the token is used, shown by token list.' }),
      ...DB_ROWS,
      REDIS_TELL_ROW,
    ],
    notes: { sv: 'Hemligheten skrivs ut en gång, vid create.', en: 'The secret is printed once, at create.' },
    examples: [
      'samplan token create --workspace hbi-stockholm --member nina --expires 30d --label "Excel, Husby"',
      'samplan token list --workspace hbi-stockholm',
      { sv: 'samplan token revoke <id ur token list>', en: 'samplan token revoke <id from token list>' },
    ],
  },
  member: {
    summary: {
      sv: `member add --workspace WS --id ID --name NAMN --role admin|coordinator|editor|viewer [--units E1,E2]
member remove --workspace WS --id ID
member list [--workspace WS]`,
      en: `member add --workspace WS --id ID --name NAME --role admin|coordinator|editor|viewer [--units U1,U2]
member remove --workspace WS --id ID
member list [--workspace WS]`,
    },
    options: [
      WORKSPACE_OR_ALL,
      opt('id', 'ID', { sv: 'Medlemmens id; add: en medlem som redan finns uppdateras.', en: "The member's id; add: an existing member is updated." }),
      opt('name', NAME, { sv: 'Namnet som visas för andra.', en: 'The name shown to others.' }),
      opt('role', 'R', { sv: 'admin, coordinator, editor eller viewer.', en: 'admin, coordinator, editor or viewer.' }),
      opt('units', { sv: 'E1,E2', en: 'U1,U2' }, { sv: 'Koderna för de enheter medlemmen arbetar för.', en: 'The unit codes the member works for.' }),
      ...DB_ROWS,
      REDIS_TELL_ROW,
    ],
    notes: {
      sv: 'member remove återkallar medlemmens token och sessioner och stänger dess anslutningar, som att ta bort\nden i vyn Medlemmar gör; inloggning genom gruppregler lägger inte till den igen förrän member add.',
      en: "member remove revokes the member's tokens and sessions and closes their connections, as removing\nthem in the Members view does; sign-in by group rules does not add them back until member add.",
    },
    examples: [
      'samplan member add --workspace hbi-stockholm --id nina --name "Nina Ek" --role editor --units vc-husby-akalla',
      'samplan member remove --workspace hbi-stockholm --id nina',
      'samplan member list --workspace hbi-stockholm',
    ],
  },
  workspace: {
    summary: {
      sv: 'workspace create --id WS --name NAMN | workspace rename WS --name NAMN | workspace list',
      en: 'workspace create --id WS --name NAME | workspace rename WS --name NAME | workspace list',
    },
    options: [
      opt('id', 'WS', { sv: 'Den nya arbetsytans id.', en: "The new workspace's id." }),
      opt('name', NAME, { sv: 'Dess namn.', en: 'Its name.' }),
      opt('workspace', 'WS', { sv: 'Arbetsytan att byta namn på (eller ange den efter rename).', en: 'The workspace to rename (or give it after rename).' }),
      ...DB_ROWS,
    ],
    notes: {
      sv: 'workspace create skapar SQLite-filen när ingen finns (första steget i en ny installation).',
      en: "workspace create creates the SQLite file when there is none (a new deployment's first step).",
    },
    examples: ['samplan workspace create --id hbi-stockholm --name "Region Stockholm"', 'samplan workspace list'],
  },
  unit: {
    summary: {
      sv: `unit add --workspace WS --code KOD --name NAMN [--parent KOD]
unit rename --workspace WS --code KOD --name NAMN | unit list --workspace WS`,
      en: `unit add --workspace WS --code CODE --name NAME [--parent CODE]
unit rename --workspace WS --code CODE --name NAME | unit list --workspace WS`,
    },
    options: [
      opt('workspace', 'WS', { sv: 'Arbetsytan.', en: 'The workspace.' }),
      opt('code', CODE, { sv: 'Enhetens kod.', en: "The unit's code." }),
      opt('name', NAME, { sv: 'Dess namn.', en: 'Its name.' }),
      opt('parent', CODE, { sv: 'Enheten den hör till (add).', en: 'The unit it belongs under (add).' }),
      ...DB_ROWS,
    ],
    examples: [
      'samplan unit add --workspace hbi-stockholm --code region-stockholm --name "Region Stockholm"',
      'samplan unit add --workspace hbi-stockholm --code vc-husby-akalla --name "Husby-Akalla vårdcentral" --parent region-stockholm',
      'samplan unit list --workspace hbi-stockholm',
    ],
  },
} as const satisfies Record<string, CommandHelp>;
