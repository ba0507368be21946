/**
 * The source of the warm worker `.ods` files are read in (`ods-read.ts`), after `read-worker.ts`'s
 * prelude: for each file it is posted, it runs `ods-parts`' `readOdsParts` and posts the sheets by slices.
 *
 * Built (`dist/`, `npm start`), the worker imports `ods-parts.js` beside this file. From source
 * (tsx, vitest) there is no `.js` to import and a worker inherits no TypeScript loader: each read
 * used to register tsx's hooks in its worker, about 0.5 s a read. Now `ods-parts.ts` and what it
 * imports are bundled into the source once per process by esbuild (tsx's own, as tsx would
 * compile them), and every later read starts from that string.
 */
import type * as Esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Defines `read(data)`, which reads one file and posts what it holds; `loadParts` is defined before
 * it. The worker is warm (`read-worker.ts`): it is posted each read's `data` (bytes, entries,
 * limits, deadline) and evaluates the parts' bundle once, not once a read.
 */
const BODY = `
let parts;
// The file's faults come back as the answer's error; an exception is this code's own and goes to
// the warm loop, which reports it as a fault (read-worker.ts: 500, logged), never as a damaged file.
async function read(data) {
  parts ??= await loadParts();
  const answer = await parts.readOdsParts(data.bytes, data.entries, data.limits, data.deadline, progress);
  if ('error' in answer) return fail(answer.error.kind, answer.error.message);
  await postSheets(answer.sheets, { open: answer.open });
}
`;

let bundled: Promise<string> | undefined;

/** `ods-parts.ts` and its imports (saxes included) as one script defining `odsParts`, by tsx's esbuild. */
async function bundleParts(): Promise<string> {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = (await import(fromTsx.resolve('esbuild'))) as typeof Esbuild;
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./ods-parts.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'odsParts',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild wrote no bundle of ods-parts.ts');
  return `${file.text}\nconst loadParts = async () => odsParts;\n${BODY}`;
}

/**
 * The worker's CommonJS source (after the prelude) for this way of running: importing
 * `ods-parts.js` when built, the bundle from source (made at the first read; a failed bundling is
 * tried again at the next).
 */
export function odsWorkerSource(): Promise<string> {
  if (!import.meta.url.endsWith('.ts')) {
    const parts = new URL('./ods-parts.js', import.meta.url).href;
    return Promise.resolve(`const loadParts = () => import(${JSON.stringify(parts)});\n${BODY}`);
  }
  bundled ??= bundleParts().catch((err: unknown) => {
    bundled = undefined;
    throw err;
  });
  return bundled;
}
