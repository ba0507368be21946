/**
 * A TypeScript entry point of a child process the tests start many times (a cluster's server
 * process), compiled once per test run to one JavaScript file by esbuild: the project's own
 * modules bundled in, npm packages left as imports (as `bench/support/servers.ts` compiles the
 * benches' servers). A child then starts as plain `node <file>`, without the tsx loader compiling
 * and resolving every source file again in each process (~1 s of CPU each, tens of seconds under
 * load). The file is written to `tests/.compiled/` (ignored by git and lint), inside the package so
 * that its imports resolve from `node_modules` and `packageRoot()` finds `package.json` as from the
 * source; the run's directory (`global-setup.ts`) holds the lock that makes one worker compile
 * while the others wait.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RUN_DIR_ENV } from './run-dir.js';

const run = promisify(execFile);
/** Where each run's compiled entry points go: `tests/.compiled/<run dir's name>/`. */
export const COMPILED_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.compiled');

/**
 * The command that runs `script` (an absolute path of a `.ts` entry point) in a child process:
 * `[node, compiled.mjs]` in a test run (compiled by the first caller of the run, the others
 * waiting up to 3 minutes), `[node, --import, tsx, script]` outside one (no run directory set).
 * Throws with esbuild's words when the source does not compile.
 */
export async function nodeCommand(script: string): Promise<[string, string[]]> {
  const runDir = process.env[RUN_DIR_ENV];
  if (!runDir) return [process.execPath, ['--import', 'tsx', script]];
  // Named as the source, `.js` (an ES module by the package's "type"), so that the CLI's check of
  // its own file name (`server/cli.ts`, run directly) holds; in a folder of its own in one of the
  // run's own, beside the chunks of what the source imports only when used (`await import`). The
  // folder carries a digest of the whole path: two entry points of one name (`server/cli.ts`,
  // `bench/cli.ts`) get two outputs.
  const base = path.basename(script, '.ts');
  const name = `${base}.js`;
  const outdir = path.join(COMPILED_ROOT, path.basename(runDir), compiledFolder(script));
  const outfile = path.join(outdir, name);
  const lock = path.join(runDir, `${name}.lock`);
  const until = Date.now() + 180_000;
  for (;;) {
    if (fs.existsSync(outfile)) return [process.execPath, [outfile]];
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) throw new Error(`waited 3 minutes for ${outfile} (${lock})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (!fs.existsSync(outfile)) {
      const making = `${outdir}.${process.pid}.tmp`;
      // Split, so that a module the source loads with `await import` (the PDF printer and its
      // playwright-core) stays a chunk loaded at first use: in one file esbuild hoists that
      // module's package imports to the top, and every start paid for them (~1 s of CPU). Run as
      // esbuild's command, not its JavaScript API: that one leaves its service process talking to
      // this one (a ping now and then), which a test counting its own socket reads saw.
      const args = [script, `--outdir=${making}`, '--bundle', '--splitting', '--packages=external', '--platform=node', '--format=esm', '--target=node20', '--log-level=error'];
      await run(createRequire(import.meta.url).resolve('esbuild/bin/esbuild'), args);
      fs.renameSync(making, outdir);
    }
    return [process.execPath, [outfile]];
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The folder name of `script`'s output: its base name and the first 12 hex digits of the SHA-1 of its resolved path. */
export function compiledFolder(script: string): string {
  const digest = createHash('sha1').update(path.resolve(script)).digest('hex').slice(0, 12);
  return `${path.basename(script, '.ts')}-${digest}`;
}

/** Remove what this run compiled (`global-setup.ts`'s teardown): the folder named as the run's directory. */
export function removeCompiled(runDir: string): void {
  fs.rmSync(path.join(COMPILED_ROOT, path.basename(runDir)), { recursive: true, force: true });
}
