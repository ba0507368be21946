import { vi } from 'vitest';
import { main } from '../../server/cli.js';

/**
 * Runs the CLI's `main` in this process with `args`, capturing what it prints.
 *
 * @returns the exit code, stdout lines (`console.log`) and stderr lines (`console.error`), each joined with `\n`
 */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const code = await main(args);
  const out = log.mock.calls.map((c) => String(c[0])).join('\n');
  const err = error.mock.calls.map((c) => String(c[0])).join('\n');
  log.mockRestore();
  error.mockRestore();
  return { code, out, err };
}
