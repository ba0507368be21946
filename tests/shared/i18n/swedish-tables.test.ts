/**
 * The Swedish sentences written in the source hold no English: every `sv:` text of the server,
 * the shared code and the pane, and every text of the pane's Swedish string tables (`const SV`,
 * `const sv`, `sv: { … }` of `*strings.ts`). Placeholders (`{unit}`, `${x}`), API keys in brackets,
 * command-line flags (`--from`) and quoted values are left out of the check
 * (`tests/support/language-words.ts`). A refusal built at run time from zod's issues is checked by
 * `tests/server/http/validation-words.test.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGLISH_WORDS, withoutKeys } from '../../support/language-words.js';

const LITERAL = /(`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/;

/** The source files of the server, the shared code and the pane. */
function sources(): string[] {
  return execFileSync('git', ['ls-files', 'server/*.ts', 'shared/*.ts', 'addin/*.ts'], { encoding: 'utf8' }).trim().split('\n');
}

/** Every Swedish text of `source`: `sv:` literals, and the literals of a Swedish string table. */
function swedishTexts(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(new RegExp(`\\bsv:\\s*${LITERAL.source}`, 'g'))) out.push(m[1]!);
  const start = source.search(/const sv = \{|const SV = \{|^\s+sv: \{/m);
  const end = source.search(/const en[:= ]|const EN[:= ]|^\s+en: \{/m);
  if (start >= 0 && end > start) {
    for (const m of source.slice(start, end).matchAll(new RegExp(`:\\s*${LITERAL.source}`, 'g'))) out.push(m[1]!);
  }
  return out.map((t) => t.slice(1, -1).replace(/\$\{[^}]*\}/g, 'X').replace(/\{[a-zA-Z]+\}/g, 'X'));
}

describe('Swedish texts in the source', () => {
  it('hold no English words', () => {
    const found: string[] = [];
    let count = 0;
    for (const file of sources()) {
      for (const text of swedishTexts(readFileSync(file, 'utf8'))) {
        count++;
        const hit = withoutKeys(text).match(ENGLISH_WORDS);
        if (hit) found.push(`${file}: "${hit[0]}" in ${text.slice(0, 120)}`);
      }
    }
    expect(count).toBeGreaterThan(500);
    expect(found).toEqual([]);
  });

  it('catch an English word inside a Swedish sentence', () => {
    const [text] = swedishTexts(`const m = { sv: 'Namnet går inte att använda (Invalid input: expected string).', en: '' };`);
    expect(withoutKeys(text!)).toMatch(ENGLISH_WORDS);
  });

  it('leave a command-line flag out, not an English word beside it', () => {
    expect(withoutKeys('Ange --from <sqlite-fil> och --to.')).not.toMatch(ENGLISH_WORDS);
    expect(withoutKeys('Ange --from to the file.')).toMatch(ENGLISH_WORDS);
  });
});
