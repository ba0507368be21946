/**
 * "a" or "an" before a word put into an English sentence at run time (`withArticle`): "a ods
 * file" was written by hand (`a ${format} file`), and so was "a activity-plan". No product file
 * writes an article before an interpolated word by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withArticle } from '../../../shared/i18n/english-article.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(join(ROOT, path)).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('the English article of a word', () => {
  it('reads a word in capitals letter by letter, any other by its first letter', () => {
    expect(['ODS', 'XLSX', 'HTML', 'SQL', 'CSV', 'JSON', 'PDF'].map(withArticle)).toEqual(['an ODS', 'an XLSX', 'an HTML', 'an SQL', 'a CSV', 'a JSON', 'a PDF']);
    expect(['ods', 'wal', 'journal', 'activity-plan', 'indicator-values', 'partners', 'update'].map(withArticle)).toEqual(['an ods', 'a wal', 'a journal', 'an activity-plan', 'an indicator-values', 'a partners', 'an update']);
    expect(DOC_KINDS.map(withArticle)).toEqual(['an activity-plan', 'an action-plan', 'a partners', 'an indicator-catalog', 'an indicator-values']);
  });

  it('is never written by hand before a word put in at run time', () => {
    const byHand = ['server', 'shared', 'addin'].flatMap(tsFiles).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (/(?<![\p{L}\p{N}])an? \$\{/iu.test(line) ? [`${file}:${i + 1}`] : [])),
    );
    expect(byHand).toEqual([]);
  });
});
