/**
 * The files that build the words a person reads write an amount through
 * `shared/i18n/number-words.ts`, the one formatter of Swedish numbers (`12 000`, `1 250`, `0,5`,
 * `−2`): never `String(n)`, `toFixed`, `toLocaleString`, a number in a template (`${n}`) or joined
 * with `+`, nor an `Intl.NumberFormat` of their own. Those wrote `12000`, `-1,5` and `0.5` in
 * Swedish sentences and one decimal where the figure had none. A number that is a label, not an
 * amount (a year, a day, a version's number), is written by `digits`, which says so. The compiler's
 * types tell a number from a text.
 *
 * A file builds words when it is named for them (`*-words`, `*-strings`, `*-messages`,
 * `shared/i18n`: read whole), or holds a sentence in both languages (an object literal with `sv`
 * and `en`: a `Localized`) or writes numbers or counts the way a language does (`Intl.NumberFormat`,
 * `Intl.PluralRules`, `toLocaleString`): read in its sentences (the `sv` and `en` values), where
 * its other numbers may be keys, coordinates or log details, and for a formatter of its own
 * anywhere. Picking them by name alone left out the import's refusals (`högst 10 000 rader`
 * written by `toLocaleString` of its own), the trend report's and the indicator rounding's own
 * `Intl.NumberFormat`, the pane's counts and every sentence of the server's refusals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every `.ts` file under `dir` (relative to the root), declaration files left out. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Files named for the words they build. */
const WORDS_FILE = /(?:^|[-/])(?:words|strings|messages)\.ts$/;

/**
 * Folders left out: the Excel emulator shows a cell's number as Excel of a locale does (its own
 * model of Excel, which imports nothing of Samplan), not in Samplan's words.
 */
const NOT_WORDS = ['addin/excel-emulator/'];

/** The names of an object literal's properties that are written as names (`sv:`, `'en':`, `sv,`). */
function propertyNames(node: ts.ObjectLiteralExpression): Set<string> {
  return new Set(node.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [])));
}

/**
 * Whether `source` builds words: it holds a sentence in both languages (an object literal with
 * `sv` and `en`), or writes numbers or counts as a language does (`Intl.NumberFormat`,
 * `Intl.PluralRules`, `toLocaleString`).
 */
function buildsWords(source: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isObjectLiteralExpression(node)) {
      const names = propertyNames(node);
      found = names.has('sv') && names.has('en');
    } else if (ts.isNewExpression(node)) {
      found = /^Intl\.(?:NumberFormat|PluralRules)$/.test(node.expression.getText(source));
    } else if (ts.isPropertyAccessExpression(node)) {
      found = node.name.text === 'toLocaleString';
    }
    if (!found) ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The files that build words, relative to the root: `whole`, read whole; `sentences`, read in their sentences. */
interface WordFiles {
  /** Named for their words (`*-words`, `*-strings`, `*-messages`, `shared/i18n`) or made of them: every number in them. */
  whole: string[];
  /** The other files that build words: the numbers of their sentences (an `sv` or `en` value), and any own formatter. */
  sentences: string[];
}

/** The files that build words a person reads. */
function wordFiles(): WordFiles {
  const slash = (f: string) => f.split('\\').join('/');
  const all = ['shared', 'server', 'addin'].flatMap(tsFiles).filter((f) => !NOT_WORDS.some((d) => slash(f).startsWith(d)) && !slash(f).endsWith('i18n/number-words.ts'));
  // Not the round tables' CSV: its figures are for Power Query, ungrouped (`round-tables.ts`).
  const more = ['shared/rounds/report-html.ts', 'server/config.ts', 'server/config-error.ts'];
  const whole = all.filter((f) => WORDS_FILE.test(slash(f)) || slash(f).startsWith('shared/i18n/') || more.includes(slash(f)));
  const sentences = all.filter((f) => !whole.includes(f) && buildsWords(ts.createSourceFile(f, readFileSync(join(ROOT, f), 'utf8'), ts.ScriptTarget.Latest, false)));
  return { whole: whole.sort(), sentences: sentences.sort() };
}

/** Whether `node` is the `sv` or `en` value of a sentence in both languages (an object literal with both). */
function isSentence(node: ts.Node): boolean {
  if (!ts.isPropertyAssignment(node) || !ts.isObjectLiteralExpression(node.parent)) return false;
  const name = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : '';
  const names = propertyNames(node.parent);
  return (name === 'sv' || name === 'en') && names.has('sv') && names.has('en');
}

/** `file:line: text` for each number written raw in `files.whole`, and in the sentences of `files.sentences`. */
function rawNumbers(files: WordFiles): string[] {
  const roots = [...files.whole, ...files.sentences];
  const wholeFiles = new Set(files.whole);
  // The project's own compiler options, so every import resolves to its types, never to `any`.
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(
    roots.map((f) => join(ROOT, f)),
    options,
  );
  const checker = program.getTypeChecker();
  // A value that may be a number: a number, a union holding one (`string | number`), or a value of
  // no known type (`unknown`, `any`), which may be one at run time.
  const MAYBE = ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.Unknown | ts.TypeFlags.Any;
  const isNumber = (node: ts.Expression): boolean => {
    const type = checker.getTypeAtLocation(node);
    const parts = type.isUnion() ? type.types : [type];
    return parts.some((p) => (p.flags & MAYBE) !== 0);
  };
  const found: string[] = [];
  for (const file of roots) {
    const source = program.getSourceFile(join(ROOT, file));
    if (!source) throw new Error(`${file} was not read`);
    const say = (node: ts.Node) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(ROOT, join(ROOT, file))}:${line + 1}: ${node.getText(source).slice(0, 80)}`);
    };
    // A formatter of its own is refused anywhere in the file; a number written raw, in the words.
    const visit = (node: ts.Node, inWords: boolean): void => {
      const words = inWords || isSentence(node);
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'Intl.NumberFormat') say(node);
      else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'toLocaleString' && isNumber(node.expression.expression)) say(node);
      else if (words && ts.isTemplateSpan(node) && isNumber(node.expression)) say(node.expression);
      else if (words && ts.isCallExpression(node)) {
        const callee = node.expression;
        const [arg] = node.arguments;
        if (ts.isIdentifier(callee) && callee.text === 'String' && arg && isNumber(arg)) say(node);
        else if (ts.isPropertyAccessExpression(callee) && ['toFixed', 'toString', 'toPrecision'].includes(callee.name.text) && isNumber(callee.expression)) say(node);
      } else if (words && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const [left, right] = [node.left, node.right];
        const text = (e: ts.Expression) => (checker.getTypeAtLocation(e).flags & ts.TypeFlags.StringLike) !== 0;
        if ((text(left) && isNumber(right)) || (text(right) && isNumber(left))) say(node);
      }
      ts.forEachChild(node, (child) => visit(child, words));
    };
    visit(source, wholeFiles.has(file));
  }
  return found;
}

describe('numbers in the words a person reads', () => {
  it('reads every file that builds words, not only those named for them', () => {
    // Named for words, these were all it read: the import's refusals, the trend report and the
    // indicator rounding wrote their numbers with formatters of their own.
    const { whole, sentences } = wordFiles();
    const read = [...whole, ...sentences].map((f) => f.split('\\').join('/'));
    for (const file of ['server/http/xlsx-read.ts', 'server/http/import-rows.ts', 'addin/taskpane/plural-forms.ts', 'shared/validate/update-refusal.ts', 'server/storage/db-lock.ts']) {
      expect(read).toContain(file);
    }
    expect(read.some((f) => f.startsWith('addin/excel-emulator/'))).toBe(false);
    // Parsing every file of the three trees: seconds on a loaded machine.
  }, 120_000);

  it('are written by number-words.ts, never String(n), toFixed or a number in a template', () => {
    expect(rawNumbers(wordFiles())).toEqual([]);
  }, 240_000);
});
