/**
 * The last step of `npm run build`: marks the package's commands (`bin` in package.json, here
 * `dist/server/cli.js`) executable. tsc writes them as plain files (mode 644), so in a checkout
 * `npx samplan …` found the command and the shell refused it: "samplan: Permission denied".
 * An installed package does not need this (npm sets the mode when it links a bin); a checkout does.
 *
 *   tsx scripts/bin-executable.ts          # in the package root, after tsc
 */
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Add the execute bits (each read bit's x) to every `bin` file of the package at `root` that
 * exists; returns the paths changed, relative to `root`. On Windows the mode is not used and
 * nothing changes.
 *
 * @throws Error when `root` has no readable package.json.
 * @example
 * markBinsExecutable(process.cwd()); // ['dist/server/cli.js']
 */
export function markBinsExecutable(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; bin?: string | Record<string, string> };
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
  const changed: string[] = [];
  for (const bin of bins) {
    const file = join(root, bin);
    if (!existsSync(file)) continue;
    const mode = statSync(file).mode & 0o777;
    const wanted = mode | ((mode & 0o444) >> 2);
    if (wanted === mode) continue;
    chmodSync(file, wanted);
    changed.push(bin);
  }
  return changed;
}

if (/(^|[\\/])bin-executable\.(ts|js)$/.test(process.argv[1] ?? '')) {
  markBinsExecutable(resolve(import.meta.dirname, '..'));
}
