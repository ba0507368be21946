/**
 * The pane's bundle held iconv-lite's whole single-byte table file (every code page it knows,
 * about 32 KB) for the six tables the raw-byte personnummer net reads. The build's
 * `singleByteTables` puts in its place a module of those six, copied from the file.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { SINGLE_BYTE_ENCODINGS } from '../../shared/validate/single-byte-encodings.js';
import { singleByteTables } from '../../vite.config.js';

const FILE = 'iconv-lite/encodings/sbcs-data-generated.js';
const all = createRequire(import.meta.url)(FILE) as Record<string, unknown>;
const plugin = singleByteTables();
const hook = <T extends (...args: never[]) => unknown>(h: unknown): T => (typeof h === 'function' ? h : (h as { handler: T }).handler) as T;
const resolveId = hook<(this: unknown, source: string) => string | null>(plugin.resolveId);
const load = hook<(this: Partial<Rollup.PluginContext>, id: string) => string | null>(plugin.load);
const context = { error: (message: unknown): never => { throw new Error(String(message)); } };

/** The module the build bundles in place of the table file, run as the pane would import it. */
async function bundled(): Promise<{ source: string; tables: Record<string, unknown> }> {
  const id = resolveId.call({}, FILE);
  expect(id).not.toBeNull();
  const source = load.call(context, id as string) as string;
  const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
  return { source, tables: ((await import(url)) as { default: Record<string, unknown> }).default };
}

describe('the single-byte tables in the pane’s bundle', () => {
  it('are the six the raw net reads, each as iconv-lite has it, and no other', async () => {
    const { tables } = await bundled();
    expect(Object.keys(tables).sort()).toEqual([...SINGLE_BYTE_ENCODINGS].sort());
    for (const name of SINGLE_BYTE_ENCODINGS) expect(tables[name], name).toEqual(all[name]);
  });

  it('weigh a small part of the file they are copied from', async () => {
    const { source } = await bundled();
    const whole = JSON.stringify(all).length;
    expect(source.length).toBeLessThan(whole / 4);
  });

  it('leave every other import alone', () => {
    expect(resolveId.call({}, 'iconv-lite')).toBeNull();
    expect(resolveId.call({}, './raw-scan-readings.js')).toBeNull();
    expect(load.call(context, '/work/samplan/shared/validate/raw-scan-readings.ts')).toBeNull();
  });
});
