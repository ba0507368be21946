/**
 * `GET /openapi.json`: the API described from the same zod schemas the routes validate with.
 * Paths come from one route table kept next to the routes, not from a generator; bodies, queries
 * and row shapes are `z.toJSONSchema` of the real schemas, so they cannot drift.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { rowJsonSchema } from '../../shared/schema/row-schema.js';
import { DOC_KINDS } from '../../shared/schema/types.js';
import { koladaPageSchema } from '../../shared/indicators/kolada.js';
import { createDocBodySchema } from './documents.js';
import { copyBodySchema, renameBodySchema } from './document-life.js';
import { historyQuerySchema } from './history.js';
import { indicatorQuerySchema } from './indicators.js';
import { importQuerySchema, rowsQuerySchema } from './rows.js';
import { memberBodySchema } from './member-body.js';
import { revokeBodySchema, tokenBodySchema } from './workspaces.js';
import { sessionBodySchema } from './sign-in.js';
import { unitBodySchema, unitPatchSchema, workspaceBodySchema } from './unit-bodies.js';
import { documentLifeAnswerSchema, memberRemovedAnswerSchema, memberSavedAnswerSchema, signedOutAnswerSchema, tokenRevokedAnswerSchema } from '../../shared/protocol/rights-answers.js';
import { closureAnswerSchema, closureBodySchema, placementBodySchema, roundDefSchema, transitionBodySchema } from '../../shared/rounds/model.js';
import { periodRollupQuerySchema, reportQuerySchema, roundRollupQuerySchema, roundTableQuerySchema } from './rounds-queries.js';

interface RouteSpec {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  auth: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Request body media types other than JSON. */
  bodyTypes?: string[];
  responses?: Record<string, string>;
  /** The success answer's schema, where one is shared with the pane. */
  answer?: z.ZodType;
}

/** Every HTTP route of the server. */
export const ROUTES: readonly RouteSpec[] = [
  { method: 'get', path: '/healthz', summary: 'Liveness and storage check', auth: false },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', auth: false },
  { method: 'get', path: '/openapi.json', summary: 'This description of the API', auth: false },
  { method: 'get', path: '/v1/workspaces', summary: 'Workspaces the token opens', auth: true },
  { method: 'get', path: '/v1/workspaces/{ws}', summary: 'A workspace: units, members summary, documents', auth: true },
  { method: 'get', path: '/v1/workspaces/{ws}/documents', summary: 'Documents of a workspace', auth: true },
  { method: 'get', path: '/v1/workspaces/{ws}/people', summary: "Every member's id and name, for @mentions in row comments", auth: true },
  { method: 'post', path: '/v1/workspaces/{ws}/documents', summary: "Create a document from a kind's template", auth: true, body: createDocBodySchema, responses: { '201': 'Created', '409': 'Id taken, or an identical document for the unit (doc-duplicate), or another server process kept the unit’s titles of the kind in its turn too long (titles-busy); nothing made', '503': 'This server process changes as many documents at once as its PostgreSQL pool allows (documents-busy, Retry-After); nothing made' } },
  { method: 'get', path: '/v1/workspaces/{ws}/documents/{doc}', summary: 'A document: catalogue entry, meta, columns', auth: true },
  { method: 'patch', path: '/v1/workspaces/{ws}/documents/{doc}', summary: 'Rename a document (coordinators and admins)', auth: true, body: renameBodySchema, responses: { '404': 'No such document, or deleted meanwhile (document-deleted)', '409': 'A look-alike of another live document of its kind and unit without allowDuplicate (doc-duplicate), or another server process kept the document changing too long (document-busy) or the unit’s titles of the kind in their turn (titles-busy), or its stored history does not decode (document-damaged); nothing renamed', '503': 'This server process changes as many documents at once as its PostgreSQL pool allows (documents-busy, Retry-After); nothing renamed' } },
  { method: 'post', path: '/v1/workspaces/{ws}/documents/{doc}/archive', summary: 'Archive a document: kept and readable, listed apart (admin); answers once every server process applied it, else with `unconfirmed` words', auth: true, answer: documentLifeAnswerSchema },
  { method: 'post', path: '/v1/workspaces/{ws}/documents/{doc}/unarchive', summary: 'Restore an archived document (admin); answers once every server process applied it, else with `unconfirmed` words', auth: true, answer: documentLifeAnswerSchema },
  { method: 'post', path: '/v1/workspaces/{ws}/documents/{doc}/copy', summary: "Copy last year's plan: rows and plan columns without outcomes, dates a year on", auth: true, body: copyBodySchema, responses: { '201': 'Created', '409': 'Rows would fall in a period an approved round locks (locked-row), a look-alike of a plan of the unit without allowDuplicate (doc-duplicate), another server process kept the unit’s titles of the kind in its turn too long (titles-busy), or the document’s stored history does not decode (document-damaged); nothing made', '503': 'This server process changes as many documents at once as its PostgreSQL pool allows (documents-busy, Retry-After); nothing made' } },
  { method: 'get', path: '/v1/workspaces/{ws}/events', summary: 'Server-sent events: the document list and the units, again after every change', auth: true },
  { method: 'get', path: '/v1/workspaces/{ws}/events/rounds', summary: 'Server-sent events: the rounds and every unit’s status, again after every transition; round-data ({ docs }) when a document completeness or the roll-up counts is written', auth: true },
  { method: 'delete', path: '/v1/workspaces/{ws}/documents/{doc}', summary: 'Delete a document and its history; open sockets close with 4404 (admin; or its maker while no one has written in it, 403 not-untouched-maker otherwise)', auth: true, responses: { '503': 'The store fails, or an edit the document’s open room took could not be stored while a maker’s deletion waited for it (storage-unavailable); nothing deleted' } },
  { method: 'get', path: '/v1/workspaces/{ws}/documents/{doc}/rows', summary: 'Rows as JSON, CSV (UTF-8 with BOM), XLSX or ODS (headers X-Samplan-Rows, X-Samplan-Left-Out; X-Samplan-Replaced-Cells: cells of an ODS file whose characters no ODS file holds, written as U+FFFD; X-Samplan-Replaced-First: the first of them, its row, a semicolon and its column header percent-encoded)', auth: true, query: rowsQuerySchema },
  { method: 'post', path: '/v1/workspaces/{ws}/documents/{doc}/import', summary: 'Import CSV, XLSX, ODS or JSON rows; summary per row. With Accept: application/x-ndjson, progress lines then {result} or {status, error}: a refusal before the first progress line has its own status, one after it comes with 200 and its last line carries status', auth: true, query: importQuerySchema, bodyTypes: ['text/csv', 'application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.oasis.opendocument.spreadsheet'], responses: { '413': 'Too large', '422': 'Refused by the sync server', '503': 'The server reads as many spreadsheets as it may and the queue is full, or the read waited past its deadline (read-busy, Retry-After)' } },
  { method: 'get', path: '/v1/workspaces/{ws}/documents/{doc}/problems', summary: 'Content problems of a document', auth: true },
  { method: 'get', path: '/v1/workspaces/{ws}/documents/{doc}/history', summary: 'Who changed what and when; group=burst gives one entry per author and burst of edits, cell by cell; a kept change whose stored bytes do not decode is named in damaged (seq, at, author, message { sv, en }) and the rest shown without it', auth: true, query: historyQuerySchema },
  { method: 'get', path: '/v1/workspaces/{ws}/documents/{doc}/versions/{seq}/later', summary: 'The later edits (with authors) that restoring version seq would undo', auth: true },
  { method: 'get', path: '/v1/workspaces/{ws}/documents/{doc}/versions/{seq}', summary: 'The document as JSON rows after update seq', auth: true },
  { method: 'get', path: '/v1/workspaces/{ws}/indicators/table', summary: 'Indicator table, validated by default (JSON, CSV, XLSX); JSON gives unitNames (unit code → name), CSV and XLSX end with the unit name (Enhetsnamn / Unit name); a values document whose stored history does not decode, or whose key the store lost, is left out and named (X-Samplan-Unreadable; unreadable in JSON; a sheet Utelämnat / Left out after the table in the workbook; a CSV or workbook file name ending -ofullstandig / -incomplete)', auth: true, query: indicatorQuerySchema },
  { method: 'get', path: '/v1/workspaces/{ws}/indicators/kolada', summary: 'Indicator values in Kolada shape, paged', auth: true, query: indicatorQuerySchema },
  { method: 'post', path: '/v1/workspaces/{ws}/indicators/kolada', summary: 'Import Kolada-shaped values into an indicator-values document', auth: true, body: koladaPageSchema },
  { method: 'get', path: '/v1/workspaces/{ws}/indicators/{id}/chart.svg', summary: 'Trend chart of one indicator against its target (SVG); `unit` by code or name', auth: true, responses: { '200': 'The chart', '400': 'A unit that names nothing (`unknown-filter`, with the closest names)', '404': 'An unknown indicator' } },
  { method: 'get', path: '/v1/workspaces/{ws}/rounds', summary: 'Follow-up rounds, each with its units’ statuses', auth: true },
  { method: 'post', path: '/v1/workspaces/{ws}/rounds', summary: 'Define a follow-up round: period, due date, indicators, units (coordinators and admins); no units named: every active unit below the top, a unit whose documents are all archived having ended', auth: true, body: roundDefSchema, responses: { '201': 'Created', '400': 'No indicator and no activities: the round would ask nothing (round-asks-nothing); a due date before the period begins (round-due-before-period); interim: true with a due date after the period (round-interim-after-period); nothing written', '409': 'The id is taken, an indicator catalog does not decode (document-damaged), or the due date lies inside the period (round-due-in-period, details.confirm: interim; send interim: true to define an interim round so); nothing written' } },
  { method: 'get', path: '/v1/workspaces/{ws}/rounds/{round}', summary: 'One round: its units’ statuses and transitions, its maturity placements, and the names of who moved or placed', auth: true },
  { method: 'post', path: '/v1/workspaces/{ws}/rounds/{round}/units/{unit}/{action}', summary: 'Move a unit in a round: action is submit, approve, return or reopen (the last two need a reason); refusals carry details.message { sv, en }; a submit or approve with errors left in the unit’s rows is done and answers warning { code: round-problems-left, errors, documents, message { sv, en } }', auth: true, body: transitionBodySchema, responses: { '409': 'Not from the unit’s current status (round-state), or the round is closed (round-closed), or a document of the unit does not decode (document-damaged); nothing written' } },
  { method: 'post', path: '/v1/workspaces/{ws}/rounds/{round}/close', summary: 'Close the whole round (coordinators and admins): no unit submits, is approved or returned, or changes the rows the round covers until it is reopened; audit round-close; an optional reason is kept in the round’s closure history; refusals carry details.message { sv, en }', auth: true, body: closureBodySchema, answer: closureAnswerSchema, responses: { '403': 'Not a coordinator or admin (round-close-role)', '409': 'The round is closed already (round-close-state)' } },
  { method: 'post', path: '/v1/workspaces/{ws}/rounds/{round}/reopen', summary: 'Reopen a closed round, the undo of close (coordinators and admins); audit round-reopen-closed; an optional reason as for close', auth: true, body: closureBodySchema, answer: closureAnswerSchema, responses: { '403': 'Not a coordinator or admin (round-close-role)', '409': 'The round is open already (round-close-state)' } },
  { method: 'post', path: '/v1/workspaces/{ws}/rounds/{round}/maturity', summary: 'Place the county on the maturity scale 1–4 in a round (coordinators and admins)', auth: true, body: placementBodySchema },
  { method: 'get', path: '/v1/workspaces/{ws}/rounds/{round}/completeness', summary: 'Completeness per unit: status, values present and expected, rows missing, problems, overdue, reading (olasbar: a document of the unit cannot be read, named in unreadable) (JSON with unitNames, unit code → name; or CSV ending with Läsning, Enhetsnamn)', auth: true, query: roundTableQuerySchema },
  { method: 'get', path: '/v1/workspaces/{ws}/rounds/{round}/rollup', summary: "The county roll-up: activities planned and held, FaR, indicator status per unit against target (JSON with unitNames, unit code → name; or CSV ending with Enhetsnamn), over the round's period or another (period=); a unit owning a document that cannot be read is left out (leftOut, unreadable; CSV headers X-Samplan-Left-Out-Units, X-Samplan-Unreadable)", auth: true, query: roundRollupQuerySchema },
  { method: 'get', path: '/v1/workspaces/{ws}/rounds/{round}/report', summary: 'The styrgrupp report: printable HTML, or PDF (format=pdf; 501 when the server has no browser to print with); a document whose stored history does not decode is named in it and in X-Samplan-Unreadable, its unit left out of the sums', auth: true, query: reportQuerySchema, responses: { '501': 'PDF asked for, and no Chromium on the server', '503': 'PDF asked for while the server prints as many reports as it queues (Retry-After)' } },
  { method: 'get', path: '/v1/workspaces/{ws}/calendar/{year}', summary: 'The årshjul: per month of the year, the activity-plan rows running and the follow-up rounds due (unit= narrows to one clinic, by code or name)', auth: true, responses: { '200': 'The twelve months', '400': 'Not a year (bad-year), or a unit that names nothing (unknown-filter, with the closest names)' } },
  { method: 'get', path: '/v1/workspaces/{ws}/rollup', summary: 'The county roll-up over any period (period=2025, 2025S1, 2025Q2, 202503; indicators=a,b; format=csv&table=activities|far|indicators, each ending with Enhetsnamn; JSON gives unitNames, unit code → name): sums, counts against target pro rata over the year to date', auth: true, query: periodRollupQuerySchema },
  { method: 'post', path: '/v1/workspaces', summary: 'Create a workspace; its creator becomes its first admin (admin)', auth: true, body: workspaceBodySchema, responses: { '201': 'Created', '409': 'The id is taken, also by another request at the same moment (workspace-exists); nothing written' } },
  { method: 'patch', path: '/v1/workspaces/{ws}', summary: 'Rename the workspace (admin)', auth: true },
  { method: 'post', path: '/v1/workspaces/{ws}/units', summary: 'Add a unit (admins and coordinators)', auth: true, body: unitBodySchema, responses: { '201': 'Created', '409': 'A look-alike name (unit-name-taken), or the code added by another request at the same moment (unit-exists); nothing written' } },
  { method: 'patch', path: '/v1/workspaces/{ws}/units/{code}', summary: 'Rename or move a unit (admins and coordinators); made on the unit as stored, so a rename and a move sent at once are both kept', auth: true, body: unitPatchSchema, responses: { '400': 'An unknown parent (unknown-unit), or under itself, also by a move at the same moment (unit-cycle); nothing written', '404': 'No such unit (unit-not-found)', '409': 'A look-alike name (unit-name-taken), or the unit kept being changed by others at the same moment (unit-changed); nothing written' } },
  { method: 'get', path: '/v1/workspaces/{ws}/members', summary: 'List members (admins and coordinators)', auth: true },
  { method: 'get', path: '/v1/workspaces/{ws}/member-removals', summary: 'Removed members not added again: id, name at the removal (null when not kept), who removed them (null: the command line) and when; adding one again lifts the removal (admins and coordinators)', auth: true },
  { method: 'post', path: '/v1/workspaces/{ws}/members', summary: 'Invite (by e-mail/UPN) or change a member; coordinators below admin only', auth: true, body: memberBodySchema, answer: memberSavedAnswerSchema, responses: { '409': 'The member was removed while the change was being made (member-removed); nothing written' } },
  { method: 'delete', path: '/v1/workspaces/{ws}/members/{member}', summary: 'Remove a member and revoke its tokens; its open sockets close with 4401; sign-in by group rules does not add it back until it is added again (admins and coordinators); answers once every server process applied it, else with `unconfirmed` words', auth: true, answer: memberRemovedAnswerSchema },
  { method: 'get', path: '/v1/workspaces/{ws}/tokens', summary: 'List tokens and sessions, without secrets (admins and coordinators)', auth: true },
  { method: 'post', path: '/v1/workspaces/{ws}/tokens', summary: 'Create an API token; the secret is shown once (admins and coordinators)', auth: true, body: tokenBodySchema },
  { method: 'delete', path: '/v1/workspaces/{ws}/tokens', summary: 'Revoke a token (admins and coordinators), with the other sessions of its sign-in in this workspace; a session\'s access token is then refused at sign-in in this workspace only; answers once every server process applied it, else with `unconfirmed` words', auth: true, body: revokeBodySchema, answer: tokenRevokedAnswerSchema },
  { method: 'get', path: '/v1/session', summary: 'The signed-in session: who, and when it ends', auth: true },
  { method: 'post', path: '/v1/session/refresh', summary: 'Move the session end forward (at most 12 h after sign-in)', auth: true },
  { method: 'delete', path: '/v1/session', summary: 'Sign out (also with a session whose time ran out, not revoked; it may do nothing else): the session is revoked with every other session made from the same access token, in every workspace (each audits its own), their sockets close with 4401 and their event streams end, and that access token is not taken again; answers once every server process applied it, else with `unconfirmed` words', auth: true, answer: signedOutAnswerSchema },
  { method: 'get', path: '/auth/config', summary: 'Whether work-account sign-in (OpenID Connect) is on', auth: false },
  { method: 'get', path: '/auth/login', summary: 'Start the authorization code flow with PKCE (mode=dialog|redirect)', auth: false, responses: { '302': 'To the provider' } },
  { method: 'get', path: '/auth/done', summary: 'The sign-in dialog’s last page: hands the one-time code to the pane', auth: false },
  { method: 'get', path: '/auth/callback', summary: "The provider's answer; on to the pane with a one-time hand-off code", auth: false, responses: { '302': 'To the pane' } },
  { method: 'post', path: '/auth/handoff', summary: 'Trade a one-time hand-off code for a session', auth: false },
  { method: 'post', path: '/auth/session', summary: 'Trade an Office SSO access token for a session', auth: false, body: sessionBodySchema, responses: { '400': 'No access token (bad-request); one that cannot be a token (access-token-malformed: not a text, empty, under 10 or over 20,000 characters; the sentence says which); an ID token (id-token-not-accepted: sign in through /auth/login instead); or work-account sign-in is off on this server (sign-in-off)', '401': 'The token is not accepted (sign-in-<cause>, the cause in details.cause); sign-in-signed-out: a session made from it was signed out by its person (in any workspace), sign-in-revoked: one was revoked in this server\'s workspace (Members view, samplan token revoke, a member\'s removal), each while it is still valid, with details.endedAt' } },
  { method: 'get', path: '/v1/sync/{ws}/{doc}', summary: 'y-websocket sync (WebSocket upgrade; token in Sec-WebSocket-Protocol samplan.bearer.<token>, or ?token=)', auth: true, responses: { '101': 'Switching protocols' } },
];

/**
 * What an error's `details` may hold (null or other fields for some codes). A refused character
 * of a name or text (400 `invalid-request` or `text-character`) says where it is.
 */
const errorDetailsSchema = {
  description: 'Details of the error; null for some codes',
  properties: {
    message: {
      type: 'object',
      description:
        'The sentence in Swedish and English. Each is in its own language only: the Swedish of a refused body or query (invalid-request) names the field in the pane’s words with its key in brackets and holds none of the validator’s English; the English names the field by its key and says what it needs in Samplan’s words (“title must have at most 200 characters”), never the validator’s default English',
      properties: { sv: { type: 'string' }, en: { type: 'string' } },
    },
    issues: {
      type: 'array',
      description:
        'Validation issues (invalid-request): path (the keys joined by dots, "" for the whole body), code (the zod issue code), message (English in Samplan’s words, as the CLI gives them, never the validator’s default English such as “Too big: expected string to have <=200 characters”), sv (Swedish, no English inside), and character, index and number for a refused character',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, sv: { type: 'string' } },
        required: ['path', 'code', 'message', 'sv'],
      },
    },
    field: { type: 'string', description: 'The field holding a refused character, or an identity number (personnummer)' },
    kind: {
      type: 'string',
      enum: ['personnummer', 'samordningsnummer', 'reservnummer'],
      description: 'Which kind of identity number a record text was refused for (422 personnummer), never the number: a client saying it in words of its own names a reservnummer as one',
    },
    character: { type: 'string', description: 'The refused character, as U+200B' },
    index: { type: 'integer', minimum: 0, description: 'Where the refused character is in the field’s text (trimmed): 0-based, in UTF-16 code units' },
    number: { type: 'integer', minimum: 1, description: 'The same place, 1-based, as a person counts it ("tecken nr N"): the characters before it counted as grapheme clusters (Unicode UAX #29, so é written as e + U+0301 or an emoji with a skin-tone modifier counts once), the refused character as one. Programs use index' },
  },
};

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: {
          type: 'string',
          description:
            'The sentence in the language Accept-Language weighs highest of sv and en (sv-SE, en-GB;q=0.8), Swedish when it names neither, is missing or cannot be read, as Content-Language names; English for a sentence only the command line and the admin API see, which details.message does not carry',
        },
        details: errorDetailsSchema,
      },
      required: ['code', 'message', 'details'],
    },
  },
  required: ['error'],
};

function queryParameters(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

/**
 * The answers every route of its shape may give, whatever its own `responses` add (a route's own
 * description of a status replaces these): 413 `too-large` for a body over its limit
 * (`body-limit.ts`; a file route's own limit and words), 500 `document-damaged` where a document's
 * stored history is read (`stored-history.ts`) and 409 `document-damaged` where a write meets it
 * (`errors.ts`: refused, nothing written), and 503 where anything is stored: the store cannot
 * be written (`storage-unavailable`), or this server does not hold the database's serving lock
 * (`serve-gate.ts`, same code, the lock named in the words).
 */
function everyRouteAnswers(r: RouteSpec): Record<string, string> {
  const answers: Record<string, string> = {};
  if (r.body || r.bodyTypes) answers['413'] = 'The body is over the limit of its route, 1 MiB for JSON (too-large); nothing read further';
  if (r.path.includes('{doc}') && r.method === 'get') answers['500'] = 'The document’s stored history does not decode (document-damaged, naming the document and place); nothing changed';
  if (r.path.includes('{doc}') && r.method !== 'get') answers['409'] = 'The document’s stored history does not decode (document-damaged, naming the document and place): refused, nothing written; it must be restored from a backup';
  if (r.method !== 'get') answers['503'] = 'The server cannot store changes now (storage-unavailable): the store fails, or this server does not hold the database’s serving lock (another server took it, or its connection is down); nothing changed';
  return answers;
}

/** Build the OpenAPI 3.1 document. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const pathParams = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const op: Record<string, unknown> = {
      summary: r.summary,
      parameters: [...pathParams, ...(r.query ? queryParameters(r.query) : [])],
      responses: {
        '200': r.answer ? { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(r.answer, { io: 'output', unrepresentable: 'any' }) } } } : { description: 'OK' },
        ...Object.fromEntries(Object.entries(everyRouteAnswers(r)).map(([k, v]) => [k, { description: v }])),
        ...Object.fromEntries(Object.entries(r.responses ?? {}).map(([k, v]) => [k, { description: v }])),
        ...(r.auth ? { '401': { $ref: '#/components/responses/Error' }, '403': { $ref: '#/components/responses/Error' } } : {}),
        '400': { $ref: '#/components/responses/Error' },
        '404': { $ref: '#/components/responses/Error' },
      },
      ...(r.auth ? {} : { security: [] }),
    };
    if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } };
    } else if (r.bodyTypes) {
      op.requestBody = { required: true, content: Object.fromEntries(r.bodyTypes.map((t) => [t, { schema: {} }])) };
    }
    (paths[r.path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Samplan API', version: '1', description: 'Plan and follow up health promotion together in Excel.' },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { queryToken: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        queryToken: { type: 'apiKey', in: 'query', name: 'token' },
      },
      responses: { Error: { description: 'An error', content: { 'application/json': { schema: errorSchema } } } },
      schemas: Object.fromEntries(DOC_KINDS.map((k) => [`row-${k}`, rowJsonSchema(k)])),
    },
  };
}

/** The `/openapi.json` route. */
export function openApiRoutes(serverUrl: string) {
  const app = new Hono();
  let cached: Record<string, unknown> | null = null;
  app.get('/openapi.json', (c) => c.json((cached ??= openApiDocument(serverUrl))));
  return app;
}
