/**
 * A document's rows over HTTP: `GET .../rows` (JSON, CSV, XLSX), `POST .../import` (CSV, XLSX,
 * ODS or JSON, with `dryRun`; with `Accept: application/x-ndjson` its progress as it reads, then
 * its answer, `import-progress.ts`) and `GET .../problems`.
 */
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { requireDoc } from './documents.js';
import { AppError, validationHook } from './errors.js';
import { exportDocument } from './export-rows.js';
import { replacedFirstHeader } from '../../shared/i18n/replaced-cells-words.js';
import { EXPORT_FORMATS } from './export-formats.js';
import { importIntoDocument, readImportBody } from './import-rows.js';
import { problemsOf, workspaceRefs } from './problems-of.js';
import { importReadMs, settingOrDefault } from './read-settings.js';
import { progressAnswer, wantsProgress } from './import-progress.js';
import type { ReadProgress } from './read-progress.js';
import { ReadAbortedError } from './read-worker.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Query of `GET .../rows`. */
export const rowsQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('json'),
  lang: z.enum(['sv', 'en']).default('sv'),
  /** `semicolon` gives `;` between fields and a decimal comma (Swedish Excel). */
  sep: z.enum(['comma', 'semicolon']).default('comma'),
  validated: bool.default(false),
  token: z.string().optional(),
});

/** Query of `POST .../import`. */
// Strict: a misspelt `dryrun=true` or `dry-run=true` is refused in words, not taken as a real import.
export const importQuerySchema = z.object({ dryRun: bool.default(false), token: z.string().optional() }).strict();

/** Largest import body accepted (the XLSX of a 12,000-row sheet is well under this). */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/**
 * How long reading an import's workbook may take, in ms from the moment the route takes the
 * request, the wait for a free reading worker included (`read-worker.ts`):
 * `SAMPLAN_IMPORT_READ_SECONDS` ({@link importReadMs}, 60 s unless set; `samplan import` reads with it too).
 */
export const IMPORT_READ_MS = settingOrDefault(importReadMs);

/** The row routes (mounted at `/v1/workspaces`). */
export function rowRoutes(deps: RouteDeps) {
  const { storage, docs, clock } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/:ws/documents/:doc/rows', zValidator('query', rowsQuerySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'export', { workspace: ref.workspace });
    const q = c.req.valid('query');
    const out = await exportDocument(storage, docs, ref, {
      format: q.format,
      lang: q.lang,
      semicolon: q.sep === 'semicolon',
      validated: q.validated,
    });
    if (q.format !== 'json') {
      await storage.appendAudit([{ at: clock().toISOString(), workspace: ref.workspace, doc: ref.doc, memberId: p.memberId, action: 'export', bytes: out.body.length, detail: q.format }]);
    }
    const headers: Record<string, string> = {
      'content-type': out.contentType,
      'x-samplan-rows': String(out.rowCount),
      'x-samplan-left-out': String(out.leftOut),
    };
    // How many cells of an ODS file lost a character no such file can hold (written as U+FFFD; `samplan export` says it in words).
    if (out.replaced > 0) headers['x-samplan-replaced-cells'] = String(out.replaced);
    // And the first of them, so the pane says the same words as `samplan export` (`replaced-cells-words.ts`).
    if (out.replacedFirst) headers['x-samplan-replaced-first'] = replacedFirstHeader(out.replacedFirst);
    if (q.format !== 'json') headers['content-disposition'] = `attachment; filename="${out.filename}"`;
    return c.body(typeof out.body === 'string' ? out.body : new Uint8Array(out.body), 200, headers);
  });

  const limit = bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: () => {
      throw new AppError(413, 'too-large', { sv: 'Filen är för stor för att importeras (högst 16 MB).', en: 'The file is too large to import (at most 16 MB).' });
    },
  });

  app.post('/:ws/documents/:doc/import', limit, zValidator('query', importQuerySchema, validationHook), async (c) => {
    const started = Date.now();
    const deadline = started + IMPORT_READ_MS;
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    const record = await requireDoc(storage, ref);
    assertCan(p, 'import', { workspace: ref.workspace, doc: record });
    const { dryRun } = c.req.valid('query');
    const body = await c.req.arrayBuffer();
    if (body.byteLength === 0) {
      throw new AppError(400, 'empty-body', { sv: 'Filen är tom; skicka raderna som CSV, XLSX eller JSON.', en: 'Send the CSV, XLSX or JSON rows in the request body.' });
    }
    const readAndImport = async (onProgress?: (progress: ReadProgress) => void) => {
      const options = { deadline, signal: c.req.raw.signal, owner: deps.readOwner, onProgress };
      const input = await readImportBody((c.req.header('content-type') ?? '').toLowerCase(), new Uint8Array(body), options).catch((err: unknown) => {
        // Its 400 reaches nobody (the socket is closed): the log and the count are what is left of it. No name or content of the file.
        if (err instanceof ReadAbortedError) {
          deps.metrics.readAborted(err.stage);
          deps.logger.info({ workspace: ref.workspace, doc: ref.doc, stage: err.stage, bytes: body.byteLength, ms: Date.now() - started }, 'import read aborted: the client went away');
        }
        throw err;
      });
      // The audit line is stored in the write of the rows (`importIntoDocument`): both, or neither.
      return importIntoDocument(storage, docs, ref, input, { dryRun, principal: p, locks: deps.locks, now: clock(), audit: { bytes: body.byteLength, clock } });
    };
    // Progress lines, then the summary, for a client that asks (`import-progress.ts`); one JSON body for the others.
    if (wantsProgress(c.req.header('accept'))) return progressAnswer(c, deps.logger, readAndImport);
    return c.json(await readAndImport());
  });

  app.get('/:ws/documents/:doc/problems', async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    await requireDoc(storage, ref);
    const refs = await workspaceRefs(storage, docs, ref.workspace);
    const problems = await docs.read(ref, (doc) => problemsOf(doc, ref.doc, refs));
    const count = { error: 0, warning: 0, info: 0 };
    for (const pr of problems) count[pr.severity]++;
    return c.json({ document: ref.doc, count, problems });
  });

  return app;
}
