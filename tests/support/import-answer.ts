/**
 * A file posted to a document's import over REST, and its answer: what the import tests of
 * refusals share (the summary's counts, the records refused with their words, the rows taken).
 */
import { expect } from 'vitest';
import { WS, type Fixture } from '../server/http/support.js';

/** The parts of an import's answer the refusal tests read. */
export interface ImportAnswer {
  imported: number;
  updated: number;
  refused: { record: number; row?: number; code: string; message: { sv: string; en: string } }[];
  taken: { record: number }[];
}

/** A CSV file (`;`, CRLF) of `header` and `rows`. */
export function csvOf(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((cells) => cells.join(';')).join('\r\n');
}

/**
 * `body` (CSV unless `type` says otherwise) imported into `doc` with `token` (the coordinator's
 * unless given), a dry run when `dryRun`: the answer, which must be 200.
 */
export async function importAnswer(f: Fixture, doc: string, body: string, opts: { dryRun?: boolean; token?: string; type?: string } = {}): Promise<ImportAnswer> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/import?dryRun=${opts.dryRun === true}`, opts.token ?? f.tokens.coordinator, {
    method: 'POST',
    headers: { 'content-type': opts.type ?? 'text/csv' },
    body,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as ImportAnswer;
}
