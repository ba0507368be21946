/**
 * The help and usage of `samplan` speak the language of its other lines (`messageLang`,
 * `server/cli-lang.ts`): Swedish under a Swedish locale or none that is Swedish or English,
 * English under `--lang en` or an English locale. The output is asserted by its words, not by the
 * table it is printed from, so that the test holds the CLI to the rule whatever the table says.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, withLocale } from './cli-capture.js';
import { COMMAND_NAMES } from '../../server/cli-usage.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const SWEDISH_LOCALES: Record<string, string>[] = [{ LANG: 'C.UTF-8' }, { LANG: 'sv_SE.UTF-8' }, {}];

describe('samplan --help and a command usage in the language of the CLI', () => {
  it.each(SWEDISH_LOCALES)('are Swedish under %o', async (env) => {
    await withLocale(env, async () => {
      const all = await cli(['--help']);
      expect(all.out).toMatch(/^Användning: samplan <kommando> \[alternativ\]/);
      expect(all.out).toMatch(/\nKommandon:\n {2}serve /);
      expect(all.out).toMatch(/\nVarje kommando tar --db FIL /);
      for (const name of COMMAND_NAMES) {
        const one = await cli([name, '--help']);
        expect(one.code).toBe(0);
        expect(one.out).toMatch(new RegExp(`^Användning:\\n  samplan ${name}\\b[^]*\\nAlternativ:\\n  --[^]*\\nExempel:\\n  samplan ${name}\\b`));
        expect(one.out).not.toMatch(/\b(Usage|Options|Examples?|The|default|env)\b/);
      }
    });
  });

  it('a refusal and the usage after it are in one language', async () => {
    await withLocale({ LANG: 'sv_SE.UTF-8' }, async () => {
      const bogus = await cli(['export', 'ws', 'doc', '--bogus']);
      expect(bogus.code).toBe(2);
      expect(bogus.err).toMatch(/^samplan export har inget alternativ --bogus\.\n\nAnvändning:\n {2}samplan export <arbetsyta> <dokument> \[--format csv\|json\|xlsx\|ods\] [^\n]*\[--out FIL\]\n/);
      expect(bogus.err).toMatch(/\n {2}--out FIL {11}Skriv till FIL; /);
      const unknown = await cli(['tokens']);
      expect(unknown.err).toMatch(/^Okänt kommando "tokens"\.\n\nAnvändning: samplan <kommando>/);
      const missing = await cli(['member', 'remove', '--workspace', 'ws', '--db', '/nonexistent/samplan.db']);
      expect(missing.err).toMatch(/^--id saknas\.\n\nAnvändning:\n {2}samplan member add --workspace WS --id ID --name NAMN /);
    });
  });

  it('are English under --lang en or an English locale, whatever the other says', async () => {
    for (const [env, args] of [
      [{ LANG: 'sv_SE.UTF-8' }, ['--lang', 'en']],
      [{ LC_ALL: 'en_GB.UTF-8' }, []],
    ] as const) {
      await withLocale(env, async () => {
        expect((await cli([...args, '--help'])).out).toMatch(/^Usage: samplan <command> \[options\]/);
        const bogus = await cli([...args, 'export', 'ws', 'doc', '--bogus']);
        expect(bogus.err).toMatch(/^samplan export has no option --bogus\.\n\nUsage:\n {2}samplan export <workspace> <doc> [^\n]*\[--out FILE\]\n\nOptions:\n {2}--format F {10}csv, json, xlsx or ods;/);
      });
    }
  });
});
