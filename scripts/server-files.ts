/**
 * A step of `npm run build`, after tsc: copies the server's files that are no TypeScript, so tsc
 * does not write them to `dist/`, beside the compiled modules that use them: every `*.sh` under
 * `server/` (the print launcher `server/print/chromium-features.sh`, which `print/browser.ts` finds
 * beside itself), its mode kept (executable). Without it the built server printed each PDF with
 * the address bar's popup page loaded in its Chromium (about 1.5 s of CPU more per PDF).
 *
 *   tsx scripts/server-files.ts          # in the package root, after tsc
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The files of `dir` and its folders whose name ends `.sh`, as paths under `dir`. */
function shellFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.sh'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Copy every `*.sh` under `<root>/server` to the same place under `<root>/dist/server`, with its
 * mode; returns the paths written, relative to `root`. Throws when `<root>/server` cannot be read.
 *
 * @example
 * copyServerFiles(process.cwd()); // ['dist/server/print/chromium-features.sh']
 */
export function copyServerFiles(root: string): string[] {
  const server = join(root, 'server');
  return shellFiles(server).map((file) => {
    const out = join(root, 'dist', 'server', relative(server, file));
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(file, out);
    chmodSync(out, statSync(file).mode & 0o777);
    return relative(root, out);
  });
}

if (/(^|[\\/])server-files\.(ts|js)$/.test(process.argv[1] ?? '')) {
  copyServerFiles(resolve(import.meta.dirname, '..'));
}
