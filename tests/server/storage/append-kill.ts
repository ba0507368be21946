/**
 * The kill -9 step shared by `sqlite.test.ts` and `sqlite-journal.test.ts`: run `append-child.ts`
 * on `file` (its store journaled with `mode` 'journal'), count the sequence numbers it printed as
 * acknowledged, and kill it with SIGKILL once `after` of them were. Resolves with the highest
 * acknowledged number and the signal the child ended by (null if it exited on its own, e.g. failed).
 *
 * 400 acknowledged appends (200 commits) lands mid-stream yet stays well inside a loaded 2-core
 * box's deadline; 2,000 could outlast it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nodeCommand } from '../../support/compiled.js';

export async function appendUntilKilled(file: string, mode: 'sqlite' | 'journal' = 'sqlite', after = 400): Promise<{ acknowledged: number; signal: NodeJS.Signals | null }> {
  const [node, script] = await nodeCommand(fileURLToPath(new URL('./append-child.ts', import.meta.url)));
  const child = spawn(node, [...script, file, ...(mode === 'journal' ? ['journal'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acknowledged = 0;
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) acknowledged = Math.max(acknowledged, Number(line));
      if (acknowledged >= after) child.kill('SIGKILL');
    });
  });
  return { acknowledged, signal: child.signalCode };
}
