/**
 * `checkUpdate`'s verdicts over a fixed corpus of updates (`tests/support/update-corpus.ts`) stay
 * what they were when `fixtures/check-update-verdicts.json` was recorded: the same refusal code,
 * close code and sentence, or, for an accepted update, the same rows, cells, meta fields and
 * comments. Speed work on the check must not change a single verdict. Record again only for an
 * intended change of a verdict: `RECORD_VERDICTS=1 npx vitest run <this file>`, and say why in
 * the commit. Recording computes every verdict twice and writes nothing when a line differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { decodeWholeUpdate } from '../../../shared/validate/update-structs.js';
import { stringSpans } from '../../../shared/validate/update-string-spans.js';
import { bytesHash, corpusCases, type CorpusCase, verdictLine } from '../../support/update-corpus.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/check-update-verdicts.json', import.meta.url));
const RECORD = process.env.RECORD_VERDICTS === '1';

/** One client's 60 edits in a row, each checked against the server's doc and applied when accepted. */
function sequence(): Array<[string, string, string]> {
  const server = new Y.Doc();
  server.clientID = 1;
  const client = new Y.Doc();
  client.clientID = 300;
  const out: Array<[string, string, string]> = [];
  let pending: Uint8Array | null = null;
  client.on('update', (u: Uint8Array) => (pending = u));
  const step = (name: string, change: () => void): void => {
    pending = null;
    client.transact(change);
    const update = pending as Uint8Array | null;
    if (update === null) return;
    const verdict = checkUpdate(server, update);
    if (verdict.ok) Y.applyUpdate(server, update);
    out.push([`sequence ${out.length} ${name}`, bytesHash(update), verdictLine(verdict)]);
  };
  step('kind', () => {
    client.getMap('meta').set('kind', 'activity-plan');
    client.getMap('meta').set('title', 'Plan');
  });
  const rows = client.getMap<Y.Map<unknown>>('rows');
  for (let i = 0; i < 20; i++) {
    step('row', () => {
      const row = new Y.Map<unknown>();
      row.set('_pos', `a${i}`);
      row.set('title', `Rad ${i}`);
      rows.set(`r${i}`, row);
    });
    step('cell', () => rows.get(`r${i}`)?.set('comment', `bench-${i}`));
    step(i % 5 === 0 ? 'pnr' : 'cell again', () => rows.get(`r${i}`)?.set('comment', i % 5 === 0 ? `ring 19121212-1212` : `bench-${i}-b`));
  }
  for (let i = 0; i < 20; i += 3) step('delete', () => rows.delete(`r${i}`));
  return out;
}

let cases: CorpusCase[] | null = null;

/** The corpus, made once for the tests of this file. */
function corpus(): CorpusCase[] {
  return (cases ??= corpusCases());
}

/** The spans `decodeWholeUpdate` noted of `update`, or why it has none. */
function decodedSpans(update: Uint8Array): readonly number[] | null | 'malformed' | 'trailing' {
  try {
    const d = decodeWholeUpdate(update);
    return d === null ? 'trailing' : (d.spans ?? null);
  } catch {
    return 'malformed';
  }
}

function actual(): Array<[string, string, string]> {
  const lines: Array<[string, string, string]> = [];
  for (const c of corpus()) lines.push([c.name, bytesHash(c.update), verdictLine(checkUpdate(c.server(), c.update))]);
  return [...lines, ...sequence()];
}

describe('checkUpdate verdicts over a fixed corpus', () => {
  // About 2,450 verdicts (twice when recording): seconds of CPU, which a busy machine stretches
  // past the suite's 20 s default; the timeout below is a hang guard, this test promises no speed.
  it('are those recorded in fixtures/check-update-verdicts.json', () => {
    const got = actual();
    if (RECORD) {
      // A verdict that is not the same twice in one process is not recorded: it names a fault.
      const again = actual();
      const unstable = got.filter((line, i) => JSON.stringify(line) !== JSON.stringify(again[i])).map(([name]) => name);
      expect(unstable, 'verdicts that differ between two runs of the same code').toEqual([]);
      writeFileSync(FIXTURE, `[\n${got.map((line) => JSON.stringify(line)).join(',\n')}\n]\n`);
    }
    const recorded = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Array<[string, string, string]>;
    expect(got.map(([name, hash]) => `${name} ${hash}`), 'the corpus itself changed: its bytes are no longer those recorded').toEqual(
      recorded.map(([name, hash]) => `${name} ${hash}`),
    );
    expect(got.map(([name, , verdict]) => `${name}: ${verdict}`)).toEqual(recorded.map(([name, , verdict]) => `${name}: ${verdict}`));
  }, 120_000);

  it('cover every refusal code and accepted updates of every part', () => {
    const verdicts = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Array<[string, string, string]>;
    const codes = new Set(verdicts.map(([, , v]) => (v.startsWith('{') ? 'ok' : v.split(' ')[0])));
    for (const code of ['ok', 'malformed', 'outside-root', 'non-primitive', 'unknown-column', 'unknown-field', 'string-too-long', 'personnummer', 'kind-change', 'comment-invalid', 'wrong-type']) {
      expect(codes, code).toContain(code);
    }
    expect(verdicts.length).toBeGreaterThan(1000);
  });

  // The check learns where the strings stand from the decode it makes anyway, not from a second
  // read of the bytes (`stringSpans`): the same spans, for every update of the corpus that decodes whole.
  it('are reached with the spans stringSpans reads, noted by the decode', () => {
    let compared = 0;
    for (const c of corpus()) {
      const spans = decodedSpans(c.update);
      if (spans === 'malformed' || spans === 'trailing') continue;
      expect(spans, c.name).toEqual(stringSpans(c.update));
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  }, 120_000);
});
