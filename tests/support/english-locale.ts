import { afterAll, beforeAll } from 'vitest';

/**
 * For a test file that asserts the CLI's English sentences: `LC_ALL=en_GB.UTF-8` for the whole
 * file (`messageLang`, `server/cli-lang.ts`), the variable as it was restored after. Call it at the
 * file's top level.
 */
export function englishLocaleForFile(): void {
  const before = process.env.LC_ALL;
  beforeAll(() => {
    process.env.LC_ALL = 'en_GB.UTF-8';
  });
  afterAll(() => {
    if (before === undefined) delete process.env.LC_ALL;
    else process.env.LC_ALL = before;
  });
}
