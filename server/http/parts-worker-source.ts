/**
 * The sources of the warm workers `.ods` and `.xlsx` files are read in (`ods-read.ts`,
 * `xlsx-read.ts`), after `read-worker.ts`'s prelude: for each file it is posted, the worker runs
 * its reader (`ods-parts.ts`'s `readOdsParts`, `xlsx-parts.ts`'s `readXlsxParts`) and posts the
 * sheets by slices.
 *
 * Built (`dist/`, `npm start`), the worker imports the reader's `.js` beside this file. From source
 * (tsx, vitest) there is no `.js` to import and a worker inherits no TypeScript loader: each read
 * used to register tsx's hooks in its worker, about 0.5 s a read. Now the reader and what it
 * imports are bundled into the source once per process by esbuild (tsx's own, as tsx would
 * compile them), and every later read starts from that string.
 */
import type * as Esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A reader a worker runs: its module's name beside this file, without extension. */
export type PartsReader = 'ods-parts' | 'xlsx-parts';

/**
 * Defines `read(data)` for each reader, which reads one file and posts what it holds; `loadParts`
 * is defined before it. The worker is warm (`read-worker.ts`): it is posted each read's `data`
 * (bytes, entries, limits, for `.ods` a deadline) and evaluates the reader once, not once a read.
 * The file's faults come back as the answer's error; an exception is the reader's own and goes to
 * the warm loop, which reports it as a fault (`read-worker.ts`: 500, logged), never as a damaged file.
 */
const BODY: Record<PartsReader, string> = {
  'ods-parts': `
let parts;
async function read(data) {
  parts ??= await loadParts();
  const answer = await parts.readOdsParts(data.bytes, data.entries, data.limits, data.deadline, progress);
  if ('error' in answer) return fail(answer.error.kind, answer.error.message);
  await postSheets(answer.sheets, { open: answer.open });
}
`,
  'xlsx-parts': `
let parts;
async function read(data) {
  parts ??= await loadParts();
  const answer = await parts.readXlsxParts(data.bytes, data.entries, data.limits, progress);
  if ('error' in answer) return fail(answer.error.kind, answer.error.message);
  await postSheets(answer.sheets, { skipped: answer.skipped });
}
`,
};

const bundled = new Map<PartsReader, Promise<string>>();

/** `reader`'s module and its imports (saxes included) as one script defining `parts`, by tsx's esbuild. */
async function bundle(reader: PartsReader): Promise<string> {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = (await import(fromTsx.resolve('esbuild'))) as typeof Esbuild;
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL(`./${reader}.ts`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'bundledParts',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error(`esbuild wrote no bundle of ${reader}.ts`);
  return `${file.text}\nconst loadParts = async () => bundledParts;\n${BODY[reader]}`;
}

/**
 * The worker's CommonJS source (after the prelude) reading with `reader`, for this way of running:
 * importing its `.js` when built, its bundle from source (made at the first read; a failed
 * bundling is tried again at the next).
 */
export function partsWorkerSource(reader: PartsReader): Promise<string> {
  if (!import.meta.url.endsWith('.ts')) {
    const parts = new URL(`./${reader}.js`, import.meta.url).href;
    return Promise.resolve(`const loadParts = () => import(${JSON.stringify(parts)});\n${BODY[reader]}`);
  }
  let source = bundled.get(reader);
  if (!source) {
    source = bundle(reader).catch((err: unknown) => {
      bundled.delete(reader);
      throw err;
    });
    bundled.set(reader, source);
  }
  return source;
}
