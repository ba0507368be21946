// @vitest-environment happy-dom
/**
 * The playground's grid showed an error's own (English) message: a refused edit said "The cell
 * you're trying to change is on a protected sheet (Blad1)." beside a Swedish pane, and any other
 * error its programmer's text. It now words them as the pane does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { apiError, ErrorCode } from '../../../addin/excel-emulator/errors.js';
import { gridFailureWords } from '../../../addin/playground/grid-words.js';
import '../../../addin/playground/samplan-grid.js';
import { localFailureWords } from '../../../addin/taskpane/failure-words.js';
import { $, mount, until } from '../taskpane/support.js';
import { ENGLISH_WORDS, SWEDISH_WORDS, withoutKeys } from '../../support/language-words.js';
import { UserEditRefused } from '../../../addin/excel-emulator/index.js';

afterEach(() => document.body.replaceChildren());

/** Types `value` into the grid's cell A1 as a person does: a key opens the editor, Enter commits. */
async function typeA1(el: HTMLElement, value: string): Promise<void> {
  $(el, '.scroll')!.dispatchEvent(new KeyboardEvent('keydown', { key: value[0], bubbles: true, composed: true }));
  await until(() => $(el, 'td input') !== null);
  const input = $<HTMLInputElement>(el, 'td input')!;
  input.value = value;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

describe('the playground grid says what went wrong in the pane’s words', () => {
  it.each([
    ['sv', 'skyddat blad'],
    ['en', 'protected sheet, so Excel does not take the change'],
  ] as const)('an edit on a protected sheet is refused in %s, without the emulated Excel’s English message', async (lang, words) => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').protection.protect();
      await context.sync();
    });
    const el = await mount('samplan-grid', { host, lang });
    await typeA1(el, 'Promenad');
    await until(() => $(el, '.message') !== null);
    const shown = $(el, '.message')!.textContent ?? '';
    expect(shown).toContain(words);
    expect(shown).not.toContain('you\'re trying');
    expect(shown).not.toContain('(Blad1)');
  });

  it('a message shown follows a switch of language', async () => {
    const host = createWorkbook({ sheets: ['Blad1'] });
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('Blad1').protection.protect();
      await context.sync();
    });
    const el = await mount('samplan-grid', { host, lang: 'sv' });
    await typeA1(el, 'Promenad');
    await until(() => $(el, '.message') !== null);
    expect($(el, '.message')!.textContent).toContain('skyddat blad');
    (el as HTMLElement & { lang: string }).lang = 'en';
    await until(() => ($(el, '.message')!.textContent ?? '').includes('protected sheet, so Excel'));
  });

  it('any other error: Excel’s by its code, as the pane words it, never its message', () => {
    const err = apiError(ErrorCode.itemNotFound, 'user', 'No sheet named Blad9.');
    expect(gridFailureWords(err, 'sv')).toBe(localFailureWords(err, 'sv'));
    expect(gridFailureWords(err, 'sv')).toContain('Excel hittade inte bladet');
    expect(gridFailureWords(err, 'sv')).not.toContain('Blad9');
    expect(gridFailureWords(new TypeError('x is undefined'), 'sv')).not.toContain('undefined');
  });

  it.each(['protected', 'validation', 'editMode'] as const)('a refused edit (%s): Swedish without English, English without Swedish', (reason) => {
    const err = new UserEditRefused(reason, 'English from the emulated Excel.');
    expect(withoutKeys(gridFailureWords(err, 'sv'))).not.toMatch(ENGLISH_WORDS);
    expect(gridFailureWords(err, 'en')).not.toMatch(SWEDISH_WORDS);
    expect(gridFailureWords(err, 'sv')).not.toContain('English from');
  });
});
