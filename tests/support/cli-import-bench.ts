/**
 * What the tests of `samplan import` share: the HTTP tests' fixture made afresh for each test,
 * standard output and error kept as lines, a folder for the files imported, and the command run
 * on the fixture's store; and a workbook exported from `plan-a` as a person downloads it.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, vi } from 'vitest';
import { importCommand } from '../../server/cli-import.js';
import { rowsOf } from '../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from '../server/http/support.js';

/** The fixture of the test running, its lines printed (`console.log`) and said (`console.error`). */
export interface CliImportBench {
  readonly f: Fixture;
  readonly printed: string[];
  readonly said: string[];
  /** `content` written as `name` in the bench's folder: its path. */
  file(name: string, content: string | Uint8Array): string;
  /** `samplan import <WS> <doc> <path>` with `flags` (`lang`, `dry-run`, `json`): its exit code. */
  run(path: string, flags?: Record<string, string | boolean>, doc?: string): Promise<number>;
}

/**
 * Registers, in the `describe` it is called in, the hooks that make a fresh fixture and keep the
 * command's lines for each test, and remove the folder after the last.
 *
 * @example
 * const bench = cliImportBench('samplan-import-held-');
 * it('exits 1', async () => expect(await bench.run(bench.file('plan.csv', 'Aktivitet\r\nA\r\n'))).toBe(0));
 */
export function cliImportBench(prefix: string): CliImportBench {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let fixture: Fixture | undefined;
  const printed: string[] = [];
  const said: string[] = [];
  beforeEach(async () => {
    fixture = await makeFixture();
    printed.length = 0;
    said.length = 0;
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await fixture?.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get f() {
      if (!fixture) throw new Error('the bench is used outside a test');
      return fixture;
    },
    printed,
    said,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    run(path, flags = {}, doc = 'plan-a') {
      return importCommand([WS, doc, path], flags, (fn) => fn((fixture as Fixture).storage), {});
    },
  };
}

/** `plan-a` exported as XLSX by its editor, as a person downloads it (stamped with its version). */
export async function exportedPlan(f: Fixture): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows?format=xlsx`, f.tokens.editor)).arrayBuffer());
  return wb;
}

/** The bytes of `wb` as .xlsx. */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The id of `plan-a`'s row titled `title` (the test fails when there is none). */
export async function planRowId(f: Fixture, title: string): Promise<string> {
  const id = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => r.values.title === title)?.id;
  expect(id).toBeDefined();
  return id as string;
}
