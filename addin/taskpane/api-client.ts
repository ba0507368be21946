/**
 * The pane's HTTP client for the server's `/v1` routes. Every answer is checked with zod before
 * the pane trusts it, and every failure becomes an {@link ApiError} whose `kind` the pane turns
 * into one clear sentence (wrong token, expired token, unreachable server, …).
 */
import { z } from 'zod';
import { rightsUnconfirmedSchema, type RightsUnconfirmed } from '../../shared/protocol/rights-answers.js';
import { roleSchema, type Role } from '../../shared/protocol/roles.js';
import { readReplacedFirst, type ReplacedFirst } from '../../shared/i18n/replaced-cells-words.js';
import { groupsAnswer, laterAnswer, type HistoryAnswer, type LaterEdit } from './api-history.js';

/** What went wrong, in the terms the sign-in view and the toasts speak. */
export type ApiErrorKind =
  | 'unauthorized'
  | 'expired'
  | 'revoked'
  | 'unreachable'
  | 'forbidden'
  | 'notFound'
  | 'server';

/** A failed request, classified. `message` is the server's sentence (English) for logs. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    /** The server's `details`, e.g. the existing document of a refused twin. */
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type { Role } from '../../shared/protocol/roles.js';

const workspaceSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  role: roleSchema.optional(),
});

/** A workspace the token may see. */
export interface WorkspaceInfo {
  id: string;
  name: string;
}

/** Who the token belongs to in one workspace. */
export interface Me {
  name: string;
  role: Role;
  units: string[];
  memberId: string;
}

const meSchema = z.looseObject({
  name: z.string(),
  role: roleSchema,
  units: z.array(z.string()).optional(),
  memberId: z.string().optional(),
  id: z.string().optional(),
});

/** The member as the server names it (`you`), in the pane's shape. */
export const toMe = (you: z.infer<typeof meSchema>): Me => ({ name: you.name, role: you.role, units: you.units ?? [], memberId: you.memberId ?? you.id ?? '' });

/** `{ you: {...} }` as the workspace's event stream sends it, at first and after an admin changed the member. */
export const youEventSchema = z.looseObject({ you: meSchema });

const workspacesAnswer = z.union([z.array(workspaceSchema), z.looseObject({ workspaces: z.array(workspaceSchema) })]);

const documentSchema = z.looseObject({
  id: z.string().optional(),
  doc: z.string().optional(),
  kind: z.string(),
  title: z.string(),
  ownerUnit: z.string().optional(),
  updatedAt: z.string().optional(),
  archivedAt: z.string().nullable().optional(),
  archivedBy: z.string().nullable().optional(),
});

/** A document of a workspace, as the explorer lists it. */
export interface DocumentInfo {
  id: string;
  kind: string;
  title: string;
  ownerUnit: string | null;
  updatedAt: string | null;
  /** When an admin archived it; null for a live document. */
  archivedAt?: string | null;
  /** The name of the admin who archived it, when known. */
  archivedBy?: string | null;
}

/** A document record as the server sends it, as the pane keeps it. */
export function toDocumentInfo(d: z.infer<typeof documentSchema>): DocumentInfo {
  return { id: d.id ?? d.doc ?? '', kind: d.kind, title: d.title, ownerUnit: d.ownerUnit ?? null, updatedAt: d.updatedAt ?? null, archivedAt: d.archivedAt ?? null, archivedBy: d.archivedBy ?? null };
}

/** `{ documents: [...] }` as the server's list and its event stream send it. */
export const documentListSchema = z.looseObject({ documents: z.array(documentSchema) });

/** A unit of a workspace (region, clinic, län, kommun). */
export interface UnitInfo {
  code: string;
  name: string;
  parent: string | null;
}

const unitSchema = z.looseObject({ code: z.string(), name: z.string().optional(), parent: z.string().nullable().optional() });

const workspaceDetail = z.looseObject({
  you: meSchema,
  units: z.array(unitSchema).optional(),
});

/** `{ units: [...] }` as the workspace's event stream sends it after a unit is added or renamed. */
export const unitListSchema = z.looseObject({ units: z.array(unitSchema) });

/** A unit as the server sends it, with a name (its code when it has none). */
export const toUnitInfo = (u: z.infer<typeof unitSchema>): UnitInfo => ({ code: u.code, name: u.name ?? u.code, parent: u.parent ?? null });

const documentsAnswer = z.union([z.array(documentSchema), z.looseObject({ documents: z.array(documentSchema) })]);
/** `POST …/documents` answers `{ document, sync }`; a bare record is accepted too. */
const createdAnswer = z.preprocess(
  (value) => (typeof value === 'object' && value !== null && 'document' in value ? (value as { document: unknown }).document : value),
  documentSchema,
);

/** The answer of a deletion: the id of the document deleted. */
const deletedAnswer = z.looseObject({ deleted: z.string() });
/** The answer of archive and restore (`documentLifeAnswerSchema` of `shared/protocol/rights-answers.ts`), with the pane's document shape. */
const archivedAnswer = z.looseObject({ document: documentSchema, unconfirmed: rightsUnconfirmedSchema.optional() });

const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
// A catalog's JSON rows carry the row id as `rowId`, since its `id` is the indicator id (`export-rows.ts`).
const versionRowSchema = z
  .looseObject({ id: z.string().optional(), rowId: z.string().optional(), values: z.record(z.string(), cellSchema).optional() })
  .refine((r) => r.rowId !== undefined || r.id !== undefined, { error: 'a row without an id' });

/** A row of `GET …/rows` or `…/versions/:seq` as the pane holds it: its row id and its cells. */
function rowOf(r: z.infer<typeof versionRowSchema>): VersionInfo['rows'][number] {
  const idKey = r.rowId !== undefined ? 'rowId' : 'id';
  return { id: (r.rowId ?? r.id) as string, values: r.values ?? pickCells(r, idKey) };
}

/** A past version of a document: its rows in order. */
export interface VersionInfo {
  seq: number;
  rows: { id: string; values: Record<string, string | number | boolean | null> }[];
}

const versionAnswer = z.looseObject({ seq: z.number().optional(), rows: z.array(versionRowSchema) });

const errorBody = z.object({
  error: z.looseObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

function classify(status: number, code: string, message: string, details: unknown): ApiErrorKind {
  const text = `${code} ${message} ${JSON.stringify(details ?? '')}`.toLowerCase();
  if (status === 401) {
    if (text.includes('expired')) return 'expired';
    if (text.includes('revoked')) return 'revoked';
    return 'unauthorized';
  }
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  return 'server';
}

/** The template names the server creates documents from. */
export type TemplateName = 'activity-plan' | 'partners' | 'indicator-values';

/**
 * A typed client of the server's `/v1` API for one server and token.
 *
 * @example
 * const api = new SamplanApi('http://localhost:8787', token);
 * const workspaces = await api.workspaces();
 */
export class SamplanApi {
  constructor(
    readonly serverUrl: string,
    readonly token: string,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(new URL(path, this.serverUrl).toString(), {
        ...init,
        headers: { authorization: `Bearer ${this.token}`, ...(init.headers ?? {}) },
      });
    } catch (err) {
      throw new ApiError('unreachable', err instanceof Error ? err.message : String(err));
    }
    if (res.ok) return res;
    const body = errorBody.safeParse(await res.json().catch(() => null));
    const code = body.success ? body.data.error.code : 'http-' + res.status;
    const message = body.success ? body.data.error.message : res.statusText;
    const details = body.success ? body.data.error.details : null;
    throw new ApiError(classify(res.status, code, message, details), message, res.status, code, details);
  }

  private async json<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.output<S>> {
    const res = await this.request(path, init);
    const parsed = schema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new ApiError('server', `Unexpected answer from ${path}`, res.status, 'bad-answer');
    return parsed.data;
  }

  /** The workspaces the token may see. */
  async workspaces(): Promise<WorkspaceInfo[]> {
    const answer = await this.json('/v1/workspaces', workspacesAnswer);
    const list = Array.isArray(answer) ? answer : answer.workspaces;
    return list.map((w) => ({ id: w.id, name: w.name ?? w.id }));
  }

  /** Who the token belongs to in `workspace`, and the workspace's units (`GET /v1/workspaces/:ws`). */
  async me(workspace: string): Promise<{ me: Me; units: UnitInfo[] }> {
    const w = await this.json(`/v1/workspaces/${enc(workspace)}`, workspaceDetail);
    return {
      me: toMe(w.you),
      units: (w.units ?? []).map(toUnitInfo),
    };
  }

  /** The documents of a workspace. */
  async documents(workspace: string): Promise<DocumentInfo[]> {
    const answer = await this.json(`/v1/workspaces/${enc(workspace)}/documents`, documentsAnswer);
    const list = Array.isArray(answer) ? answer : answer.documents;
    return list.map(toDocumentInfo);
  }

  /** Creates a document of the template's kind, owned by `ownerUnit`, titled `title`. */
  async createFromTemplate(workspace: string, template: TemplateName, ownerUnit: string, title: string, allowDuplicate = false): Promise<DocumentInfo> {
    const body = allowDuplicate ? { kind: template, ownerUnit, title, allowDuplicate } : { kind: template, ownerUnit, title };
    return toDocumentInfo(await this.json(`/v1/workspaces/${enc(workspace)}/documents`, createdAnswer, jsonBody('POST', body)));
  }

  /**
   * Renames a document (coordinators and admins, an editor its own unit's plan). A title that looks
   * like another live document's of its kind and unit is refused (409 `doc-duplicate`) unless
   * `allowDuplicate`.
   */
  async renameDocument(workspace: string, doc: string, title: string, allowDuplicate = false): Promise<DocumentInfo> {
    const body = allowDuplicate ? { title, allowDuplicate } : { title };
    return toDocumentInfo(await this.json(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}`, createdAnswer, jsonBody('PATCH', body)));
  }

  /**
   * Archives (or, with `archived` false, restores) a document (admins). Resolves with the record,
   * and the server's words (`unconfirmed`) when not every server process confirmed the change yet.
   */
  async archiveDocument(workspace: string, doc: string, archived: boolean): Promise<DocumentInfo & { unconfirmed?: RightsUnconfirmed }> {
    const verb = archived ? 'archive' : 'unarchive';
    const answer = await this.json(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}/${verb}`, archivedAnswer, { method: 'POST' });
    return { ...toDocumentInfo(answer.document), ...(answer.unconfirmed ? { unconfirmed: answer.unconfirmed } : {}) };
  }

  /**
   * Deletes a document and its history: an admin any, anyone else only one they made that no one
   * has written in since (the server's rule, `server/http/maker-may-delete.ts`; 403 in words
   * otherwise). The pane uses it to take back a document an adoption made for nothing.
   */
  async deleteDocument(workspace: string, doc: string): Promise<void> {
    await this.json(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}`, deletedAnswer, { method: 'DELETE' });
  }

  /**
   * Copies a plan to a new year: rows and plan columns, no outcomes, dates a year on. A title that
   * looks like another live plan's of the unit is refused (409 `doc-duplicate`) unless `allowDuplicate`.
   */
  async copyDocument(workspace: string, doc: string, title: string, allowDuplicate = false): Promise<DocumentInfo> {
    const body = allowDuplicate ? { title, allowDuplicate } : { title };
    return toDocumentInfo(await this.json(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}/copy`, createdAnswer, jsonBody('POST', body)));
  }

  /** The workspace's event stream (`text/event-stream`), open until `signal` aborts. */
  async events(workspace: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const res = await this.request(`/v1/workspaces/${enc(workspace)}/events`, { signal });
    if (!res.body) throw new ApiError('server', 'The event stream has no body', res.status, 'bad-answer');
    return res.body;
  }

  /** Every member's id and name (`GET …/people`), for names and @mentions in comments. */
  async people(workspace: string): Promise<{ id: string; name: string }[]> {
    return (await this.json(`/v1/workspaces/${enc(workspace)}/people`, peopleAnswer)).people;
  }

  /** The newest `limit` bursts of changes, one per author and burst, newest first, and the stored changes the server could not read. */
  async historyGroups(workspace: string, doc: string, limit = 50): Promise<HistoryAnswer> {
    const { groups, damaged } = await this.json(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}/history?group=burst&limit=${limit}`, groupsAnswer);
    return { groups, damaged };
  }

  /** The later changes that restoring version `seq` would undo, with their authors. */
  async laterEdits(workspace: string, doc: string, seq: number): Promise<LaterEdit[]> {
    return (await this.json(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}/versions/${seq}/later`, laterAnswer)).edits;
  }

  /** The document as it was after change `seq`. */
  async version(workspace: string, doc: string, seq: number): Promise<VersionInfo> {
    const v = await this.json(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}/versions/${seq}`, versionAnswer);
    return { seq: v.seq ?? seq, rows: v.rows.map(rowOf) };
  }

  /** The document's rows as the server has them now (`GET …/rows`), in the document's order. */
  async rows(workspace: string, doc: string): Promise<VersionInfo['rows']> {
    const answer = await this.json(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}/rows`, versionAnswer);
    return answer.rows.map(rowOf);
  }

  /**
   * The document's rows as a file, byte for byte as the server wrote it: `xlsx` a workbook,
   * `ods` an OpenDocument spreadsheet (LibreOffice Calc's own), `csv` CSV for Swedish Excel
   * (semicolons, decimal commas, UTF-8 with its byte-order mark). Headers in `lang`.
   */
  async exportFile(workspace: string, doc: string, format: ExportFormat, lang: 'sv' | 'en'): Promise<ExportedFile> {
    const query = format === 'csv' ? `format=csv&sep=semicolon&lang=${lang}` : `format=${format}&lang=${lang}`;
    const res = await this.request(`/v1/workspaces/${enc(workspace)}/documents/${enc(doc)}/rows?${query}`);
    const cells = Number(res.headers.get('x-samplan-replaced-cells') ?? 0);
    const first = readReplacedFirst(res.headers.get('x-samplan-replaced-first'));
    const replaced = Number.isInteger(cells) && cells > 0 ? { cells, ...(first ? { first } : {}) } : undefined;
    return { file: await res.blob(), ...(replaced ? { replaced } : {}) };
  }
}

/** The file formats the pane exports. */
export type ExportFormat = 'xlsx' | 'ods' | 'csv';

/**
 * An exported file, and the cells it could not hold as they are (an ODS file: written as U+FFFD),
 * as the server's `X-Samplan-Replaced-Cells` and `X-Samplan-Replaced-First` name them; absent when none.
 */
export interface ExportedFile {
  file: Blob;
  replaced?: { cells: number; first?: ReplacedFirst };
}

const peopleAnswer = z.looseObject({ people: z.array(z.object({ id: z.string(), name: z.string() })) });

function jsonBody(method: string, body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

/** A row given flat (`{ id, a: 1, b: 2 }`) rather than as `{ id, values }`. */
function pickCells(row: Record<string, unknown>, idKey: 'id' | 'rowId'): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === idKey || key === 'values') continue;
    const cell = cellSchema.safeParse(value);
    if (cell.success) out[key] = cell.data;
  }
  return out;
}
