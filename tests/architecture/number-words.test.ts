/**
 * The files that build the words a person reads (the messages of `shared/i18n`, every `*-words`,
 * `*-strings` and `*-messages` file, the styrgrupp report and the server's
 * settings) write an amount through `shared/i18n/number-words.ts`, the one formatter of Swedish
 * numbers (`12 000`, `0,5`, `−2`): never `String(n)`, `toFixed`, `toLocaleString`, a number in a
 * template (`${n}`) or joined with `+`, nor an `Intl.NumberFormat` of their own. Those wrote
 * `12000`, `-1,5` and `0.5` in Swedish sentences and one decimal where the figure had none. A
 * number that is a label, not an amount (a year, a day, a version's number), is written by
 * `digits`, which says so. The compiler's types tell a number from a text.
 */
import { readdirSync, statSync } from 'node:fs';
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

/** The files that build words a person reads, relative to the root. */
function wordFiles(): string[] {
  const named = ['shared', 'server', 'addin'].flatMap(tsFiles).filter((f) => WORDS_FILE.test(f.split('\\').join('/')));
  // Not the round tables' CSV: its figures are for Power Query, ungrouped (`round-tables.ts`).
  const more = ['shared/rounds/report-html.ts', 'server/config.ts', 'server/config-error.ts'];
  return [...new Set([...tsFiles('shared/i18n'), ...named, ...more])].filter((f) => !f.endsWith(join('i18n', 'number-words.ts'))).sort();
}

/** `file:line: text` for each number written raw in `files`. */
function rawNumbers(files: readonly string[]): string[] {
  // The project's own compiler options, so every import resolves to its types, never to `any`.
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram(
    files.map((f) => join(ROOT, f)),
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
  for (const file of files) {
    const source = program.getSourceFile(join(ROOT, file));
    if (!source) throw new Error(`${file} was not read`);
    const say = (node: ts.Node) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(ROOT, join(ROOT, file))}:${line + 1}: ${node.getText(source).slice(0, 80)}`);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isTemplateSpan(node) && isNumber(node.expression)) say(node.expression);
      else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const [arg] = node.arguments;
        if (ts.isIdentifier(callee) && callee.text === 'String' && arg && isNumber(arg)) say(node);
        else if (ts.isPropertyAccessExpression(callee) && ['toFixed', 'toString', 'toLocaleString', 'toPrecision'].includes(callee.name.text) && isNumber(callee.expression)) say(node);
      } else if (ts.isNewExpression(node) && node.expression.getText(source) === 'Intl.NumberFormat') say(node);
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const [left, right] = [node.left, node.right];
        const text = (e: ts.Expression) => (checker.getTypeAtLocation(e).flags & ts.TypeFlags.StringLike) !== 0;
        if ((text(left) && isNumber(right)) || (text(right) && isNumber(left))) say(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('numbers in the words a person reads', () => {
  it('are written by number-words.ts, never String(n), toFixed or a number in a template', () => {
    expect(rawNumbers(wordFiles())).toEqual([]);
  }, 240_000);
});
