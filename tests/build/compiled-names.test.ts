import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeCommand } from '../support/compiled.js';
import { RUN_DIR_ENV } from '../support/run-dir.js';

// Two child entry points with one file name in two folders: each must run as itself.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-compiled-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function entry(folder: string, says: string): string {
  fs.mkdirSync(path.join(dir, folder), { recursive: true });
  const file = path.join(dir, folder, 'cli.ts');
  fs.writeFileSync(file, `const said: string = ${JSON.stringify(says)};\nconsole.log(said);\n`);
  return file;
}

describe('compiled child entry points', () => {
  it('compiles two entry points of one name to two outputs', async () => {
    expect(process.env[RUN_DIR_ENV], 'run under the suite\'s global set-up').toBeTruthy();
    const [, first] = await nodeCommand(entry('server', 'server'));
    const [, second] = await nodeCommand(entry('bench', 'bench'));
    expect(first.at(-1)).not.toBe(second.at(-1));
    expect(fs.readFileSync(first.at(-1)!, 'utf8')).toContain('"server"');
    expect(fs.readFileSync(second.at(-1)!, 'utf8')).toContain('"bench"');
    expect(path.basename(second.at(-1)!)).toBe('cli.js');
  });
});
