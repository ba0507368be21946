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

/**
 * {@link cli} with `--lang en` before the command: for a test that asserts the CLI's English
 * lines (without it, a locale that is neither Swedish nor English, as `C.UTF-8`, is spoken to in
 * Swedish, `cli-lang.ts`).
 */
export async function cliEn(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return cli(['--lang', 'en', ...args]);
}

/** Run `fn` with the locale variables set to `env` (the others unset), restoring them after. */
export async function withLocale<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const keys = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;
  const before = keys.map((k) => process.env[k]);
  for (const k of keys) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    keys.forEach((k, i) => (before[i] === undefined ? delete process.env[k] : (process.env[k] = before[i])));
  }
}
