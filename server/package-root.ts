/**
 * Where the Samplan package is on disk and which version it is, read from its `package.json`:
 * the same from the sources (`server/*.ts` run by tsx), from the build (`dist/server/*.js`) and
 * from an installed package (`node_modules/samplan/dist/server/*.js`). No other module is loaded,
 * so `samplan --version` stays as quick as `samplan --help`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How many folders above this file are looked at: `dist/server/` is two deep, a test bundle five. */
const LEVELS = 6;

/** The package root: the nearest folder above this file with a `package.json` (the working folder when none is). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < LEVELS; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/**
 * The `version` of the package's `package.json` (semver text, e.g. `0.1.0`), what
 * `samplan --version` prints and `/healthz` answers.
 *
 * @throws Error naming the file when it cannot be read or has no version.
 * @example
 * packageVersion(); // '0.1.0'
 */
export function packageVersion(): string {
  const file = join(packageRoot(), 'package.json');
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
  } catch (err) {
    throw new Error(`Cannot read Samplan's version from ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (typeof version !== 'string' || version === '') throw new Error(`Samplan's ${file} names no version.`);
  return version;
}
