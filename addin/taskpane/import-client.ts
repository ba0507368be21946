/**
 * The pane's call to `POST …/documents/:doc/import` with progress: it asks for the streamed answer
 * (`Accept: application/x-ndjson`, `server/http/import-progress.ts`), reads it line by line with
 * `response.body.getReader()` and tells how far the server has read the file as a whole percent.
 * Aborting `signal` (the progress view's cancel) closes the request, and the server ends the read
 * (nothing is written). A server that answers one JSON body (an older one) is read as such.
 */
import { z } from 'zod';
import { percentOf } from '../../shared/protocol/read-progress.js';

/**
 * A refused or failed import: the server's status, code, English sentence and words in both
 * languages when it gave them. A server not reached is status 0, code `unreachable`.
 */
export class ImportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** What to import, where, and who is told of its progress. */
export interface ImportRequest {
  serverUrl: string;
  token: string;
  workspace: string;
  doc: string;
  /** The file as picked (its `type` is sent as the content type: `.ods`, `.xlsx`, CSV). */
  file: Blob;
  dryRun: boolean;
  /** Told the whole percent read (0–100), each at most once, rising. */
  onProgress?: (percent: number) => void;
  /** Aborted to cancel: the promise rejects with the signal's reason (an `AbortError`). */
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

const errorLine = z.object({ status: z.number(), error: z.looseObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const progressLine = z.object({ progress: z.object({ done: z.number(), total: z.number() }) });
const resultLine = z.object({ result: z.record(z.string(), z.unknown()) });

/** The lines of a streamed body, as they arrive (a line cut between two chunks is joined). */
async function* linesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      rest += decoder.decode(value, { stream: !done });
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') yield line;
      if (done) break;
    }
    if (rest.trim() !== '') yield rest;
  } finally {
    reader.releaseLock();
  }
}

/** The {@link ImportError} of an error body, or of an answer that is none. */
function errorOf(status: number, body: unknown): ImportError {
  const parsed = errorLine.omit({ status: true }).safeParse(body);
  if (!parsed.success) return new ImportError(status, 'server', `The server answered ${status} without an error body.`);
  return new ImportError(status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details ?? null);
}

/**
 * Imports `req.file` and resolves with the server's summary (the same object a plain request is
 * answered with). Rejects with an {@link ImportError} for a refusal (the server's words in its
 * `details.message`) or a server not reached (`unreachable`), or with the abort reason when
 * `req.signal` is aborted.
 */
export async function importWithProgress(req: ImportRequest): Promise<Record<string, unknown>> {
  const fetchImpl = req.fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  const url = new URL(`/v1/workspaces/${encodeURIComponent(req.workspace)}/documents/${encodeURIComponent(req.doc)}/import?dryRun=${req.dryRun}`, req.serverUrl);
  let res: Response;
  try {
    res = await fetchImpl(url.toString(), {
      method: 'POST',
      headers: { authorization: `Bearer ${req.token}`, accept: 'application/x-ndjson, application/json;q=0.5', 'content-type': req.file.type || 'application/octet-stream' },
      body: req.file,
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (err) {
    // A cancel rejects with the abort's reason, told as such; any other rejection is a server not reached.
    if (req.signal?.aborted) throw err;
    throw new ImportError(0, 'unreachable', err instanceof Error ? err.message : String(err));
  }
  if (!(res.headers.get('content-type') ?? '').startsWith('application/x-ndjson') || !res.body) {
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw errorOf(res.status, body);
    return resultLine.shape.result.parse(body);
  }
  let told = -1;
  for await (const line of linesOf(res.body)) {
    const value: unknown = JSON.parse(line);
    const progress = progressLine.safeParse(value);
    if (progress.success) {
      const percent = percentOf(progress.data.progress);
      if (percent > told) req.onProgress?.((told = percent));
      continue;
    }
    const result = resultLine.safeParse(value);
    if (result.success) return result.data.result;
    const failed = errorLine.safeParse(value);
    if (failed.success) throw errorOf(failed.data.status, value);
  }
  throw new ImportError(res.status, 'server', 'The answer ended before the import did.');
}
