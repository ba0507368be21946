/**
 * What the build and the benches generate is not linted: a bench run writes its servers compiled
 * to `.compiled/` folders (`bench/support/servers.ts`), and `npm run lint` must pass after it as before.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

describe('lint ignores', () => {
  let eslint: ESLint;
  // The first question loads the configuration (typescript-eslint and the plugins): seconds of CPU,
  // past the 20 s of a test at load 30, so asked here in the hook's minute, not in the test.
  beforeAll(async () => {
    eslint = new ESLint();
    await eslint.isPathIgnored('bench/support/servers.ts');
  });

  it('skips the benches’ compiled servers and the build output, and lints the sources beside them', async () => {
    const ignored = async (file: string): Promise<boolean> => eslint.isPathIgnored(file);
    expect(await ignored('bench/support/.compiled/samplan-server.mjs')).toBe(true);
    expect(await ignored('bench/peers/.compiled/hocuspocus-server.mjs')).toBe(true);
    expect(await ignored('dist/server/cli.js')).toBe(true);
    expect(await ignored('bench/support/servers.ts')).toBe(false);
  });
});
