/**
 * `samplan token` and `samplan member` say their refusals in the CLI's language (`cli-lang.ts`
 * `messageLang`): on a C locale with no --lang that is Swedish. `--expires` and `member add`'s
 * flag refusals came out in English whatever the language.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, cliEn, withLocale } from './cli-capture.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const NO_DB = ['--db', '/nonexistent/samplan-access-lang.db'];
const token = (expires: string, label = 'Excel') => ['token', 'create', '--workspace', 'hbi-x', '--member', 'anna', '--label', label, '--expires', expires, ...NO_DB];
const member = (...flags: string[]) => ['member', 'add', '--workspace', 'hbi-x', ...flags, ...NO_DB];
/** The first line a command printed on stderr (the usage follows a mistake on the command line). */
const first = (run: { err: string }) => run.err.split('\n')[0];

describe('token and member refusals', () => {
  it.each([
    [token('0d'), '--expires måste vara mer än noll, t.ex. 30d.', '--expires must be more than zero, e.g. 30d.'],
    [token('31/12'), '--expires "31/12" är varken en tidslängd som 30d eller 12h eller ett datum som 2026-12-31.', '--expires "31/12" is neither a duration like 30d or 12h nor a date like 2026-12-31.'],
    [member('--id', 'nina', '--name', 'Nina', '--role', 'boss'), '--role måste vara en av admin, coordinator, editor, viewer: fick "boss".', '--role must be one of admin, coordinator, editor, viewer: got "boss".'],
    [member('--id', 'nina', '--role', 'viewer'), '--name saknas.', 'Missing --name.'],
  ])('are said in Swedish on a C locale and in English with --lang en: %j', async (args, sv, en) => {
    const swedish = await withLocale({ LANG: 'C.UTF-8' }, () => cli(args));
    expect([swedish.code, first(swedish)]).toEqual([2, sv]);
    const english = await cliEn(args);
    expect([english.code, first(english)]).toEqual([2, en]);
  });

  it('says what is wrong with a --label or --name in Swedish too', async () => {
    const label = await withLocale({ LANG: 'C.UTF-8' }, () => cli(token('30d', 'x'.repeat(201))));
    const name = await withLocale({ LANG: 'C.UTF-8' }, () => cli(member('--id', 'nina', '--name', ' ', '--role', 'viewer')));
    for (const [run, flag] of [[label, '--label'], [name, '--name']] as const) {
      expect(run.code).toBe(2);
      expect(first(run)).toMatch(new RegExp(`^${flag} `));
      expect(first(run)).toMatch(/[åäö]|\b(inte|får|tecken|högst|minst|tom)\b/i);
    }
  });
});
