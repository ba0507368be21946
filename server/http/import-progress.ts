/**
 * An import's answer as it goes, for a client that asks for it with `Accept: application/x-ndjson`
 * (the pane, `addin/taskpane/import-client.ts`): one JSON object a line, first
 * `{"progress":{"done","total"}}` as the file is read (`read-progress.ts`; an `.xlsx` by the stages
 * of its read, `xlsx-read.ts`), then either `{"result": …}` (the JSON a plain request is answered
 * with) or `{"status": n, "error": {code, message, details}}` (the error body a plain request
 * gets, masked the same way, by the app's own `handleError`). The status line is 200 once the
 * first line is sent, so the last line carries the outcome. A client that does not ask for it gets
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

/**
 * A 200 answer streaming `work`'s progress lines, then its result or its error as
 * {@link ProgressLine}s. `work` is started at once and given the function to tell progress with;
 * a line told after the client went away is dropped.
 */
export function progressAnswer(c: Context, logger: Logger, work: (onProgress: (p: ReadProgress) => void) => Promise<unknown>): Response {
  const encoder = new TextEncoder();
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (line: ProgressLine) => {
        if (open) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      const ended = work((progress) => send({ progress })).then(
        (result) => send({ result }),
        async (err: unknown) => {
          // The same body, masking and log line as a plain request's error, by the app's own handler.
          const answer = handleError(logger)(err instanceof Error ? err : new Error(String(err)), c);
          send({ status: answer.status, ...((await answer.json()) as { error: { code: string; message: string; details: unknown } }) });
        },
      );
      void ended.finally(() => {
        if (open) controller.close();
        open = false;
      });
    },
    cancel() {
      open = false;
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': `${NDJSON}; charset=utf-8`, 'cache-control': 'no-store' } });
}
