/**
 * An import's answer as it goes, for a client that asks for it with `Accept: application/x-ndjson`
 * (the pane, `addin/taskpane/import-client.ts`): one JSON object a line, first
 * `{"progress":{"done","total"}}` as the file is read (`read-progress.ts`; an `.xlsx` by the
 * unpacked bytes of its parts parsed, `xlsx-parts.ts`), then either `{"result": …}` (the JSON a plain request is answered
 * with) or `{"status": n, "error": {code, message, details}}` (the error body a plain request
 * gets, masked the same way, by the app's own `handleError`). Nothing is sent before the first
 * progress line, so an import refused (or done) before it is answered with its own status; once a
 * progress line is sent the status line is 200, and the last line carries the outcome: a client
 * tells a refusal by a last line with `status` (and the app's counter and request log by
 * {@link answerOutcome}, not by the 200). A client that does not ask for it gets
 * the one JSON body as before. Closing the request (the pane's cancel) aborts the read as before
 * (`read-worker.ts`): the worker is ended and nothing is written.
 */
import type { Context } from 'hono';
import type { Logger } from '../logger.js';
import { handleError } from './errors.js';
import type { ReadProgress } from './read-progress.js';

/** The media type of a streamed answer. */
export const NDJSON = 'application/x-ndjson';

/** True when the request's `Accept` asks for a streamed answer. */
export function wantsProgress(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes(NDJSON);
}

/** One line of a streamed import answer. */
export type ProgressLine = { progress: ReadProgress } | { result: unknown } | { status: number; error: { code: string; message: string; details: unknown } };

/** The outcome status of each streamed answer, by its request (see {@link answerOutcome}). */
const outcomes = new WeakMap<Request, Promise<number>>();

/**
 * The status a streamed answer to `request` ended with (the `status` of its last line, 200 for a
 * result), once its work settled; undefined for a request answered otherwise. Never rejects. The
 * app's request counter and log line wait for it (`app.ts`), so a refusal streamed after a 200
 * status line is counted and logged as the refusal it is.
 */
export function answerOutcome(request: Request): Promise<number> | undefined {
  return outcomes.get(request);
}

/** The answer of `work` as a line: its result, or its error as `handleError` answers it (body, status, `Retry-After`). */
async function lastLine(c: Context, logger: Logger, ended: Promise<unknown>): Promise<{ line: ProgressLine; status: number; headers: Headers }> {
  try {
    return { line: { result: await ended }, status: 200, headers: new Headers() };
  } catch (err) {
    // The same body, masking and log line as a plain request's error, by the app's own handler.
    const answer = handleError(logger)(err instanceof Error ? err : new Error(String(err)), c);
    const body = (await answer.json()) as { error: { code: string; message: string; details: unknown } };
    return { line: { status: answer.status, ...body }, status: answer.status, headers: answer.headers };
  }
}

/**
 * The answer of `work` as {@link ProgressLine}s: its progress lines, then its result or its
 * error. `work` is started at once and given the function to tell progress with. Nothing is sent
 * before its first progress line: a file refused or read before that (a damaged file, a small
 * one) is answered with its own status (the refusal's 4xx or 5xx, `Retry-After` kept) and its
 * lines at once. Once a progress line is sent the status is 200, and the last line carries the
 * outcome ({@link answerOutcome} tells it to the app's counter). A line told after the client
 * went away is dropped.
 */
export async function progressAnswer(c: Context, logger: Logger, work: (onProgress: (p: ReadProgress) => void) => Promise<unknown>): Promise<Response> {
  const encoder = new TextEncoder();
  const headers = { 'content-type': `${NDJSON}; charset=utf-8`, 'cache-control': 'no-store' };
  const pending: ProgressLine[] = [];
  let sink: ((line: ProgressLine) => void) | null = null;
  let progressed!: () => void;
  const firstProgress = new Promise<'progress'>((resolve) => (progressed = () => resolve('progress')));
  const last = lastLine(
    c,
    logger,
    work((progress) => {
      if (sink) sink({ progress });
      else pending.push({ progress });
      progressed();
    }),
  );
  outcomes.set(
    c.req.raw,
    last.then((l) => l.status),
  );
  if ((await Promise.race([firstProgress, last.then(() => 'settled' as const)])) === 'settled') {
    // Settled before a line went out: the status can still say how it ended.
    const { line, status, headers: answered } = await last;
    const retryAfter = answered.get('retry-after');
    const text = [...pending, line].map((l) => `${JSON.stringify(l)}\n`).join('');
    return new Response(text, { status, headers: { ...headers, ...(retryAfter ? { 'retry-after': retryAfter } : {}) } });
  }
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (line: ProgressLine) => {
        if (open) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      for (const line of pending.splice(0)) send(line);
      sink = send;
      void last.then(({ line }) => {
        send(line);
        if (open) controller.close();
        open = false;
      });
    },
    cancel() {
      open = false;
    },
  });
  return new Response(stream, { status: 200, headers });
}
