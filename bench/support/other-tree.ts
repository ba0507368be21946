import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The file URL of `file` of `shared/validate` in another tree (`--against DIR` of the guard's
 * benches), for a dynamic import. Throws when DIR lacks this project's `tsconfig.json`: tsx then
 * compiles the other tree's classes with the ES2022 default `useDefineForClassFields`, not the
 * project's `false`, and the same code ran up to five times slower there (the raw-byte net of a
 * 200-row paste 110 ms against 15 ms), so every figure favoured this tree.
 */
export function otherTreeFile(dir: string, file: string): string {
  if (!existsSync(resolve(dir, 'tsconfig.json'))) {
    throw new Error(`${dir} has no tsconfig.json: copy this project's there (cp tsconfig.json package.json ${dir}/), or its code is compiled otherwise and runs slower`);
  }
  return pathToFileURL(resolve(dir, 'shared/validate', file)).href;
}
