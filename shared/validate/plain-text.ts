/**
 * The zod schemas every name and text field of the API, the CLI and the pane is built from
 * ({@link nameText}, {@link freeText}): a text trimmed and measured, then refused by the
 * characters it holds (`text-fault.ts`, which says which and why), except a personnummer, which
 * the identity guard refuses next.
 */
import { z } from 'zod';
import { findPersonnummer } from './personnummer.js';
import { findTextFault, NAME_MAX, textFaultWords, trimName, type TextFaultParams, type TextKind } from './text-fault.js';

function withTextCheck<T extends z.ZodString>(schema: T, kind: TextKind): T {
  return schema.superRefine((text, ctx) => {
    const fault = findTextFault(text, kind);
    // A text holding a personnummer is left to the identity guard every door runs next, so it is
    // refused as what matters most (422 `personnummer`), even spelled with a lone surrogate.
    if (!fault || findPersonnummer(text) !== null) return;
    const words = textFaultWords(fault, kind);
    const params: TextFaultParams = { sv: words.sv, character: fault.code, index: fault.index, number: fault.number };
    ctx.addIssue({ code: 'custom', message: words.en, params, input: text });
  }) as unknown as T;
}

/**
 * A one-line name people type and others see (unit, workspace, member, document title, token
 * label, round title): trimmed by {@link trimName} (U+FEFF is kept, so refused), `min`–`max`
 * UTF-16 code units (default 1–200), and none of the characters {@link findTextFault} refuses. Refusal: a zod issue naming the character, except for a
 * text holding a personnummer, which passes here to be refused by the identity guard (422).
 *
 * @example
 * nameText().parse('Vårdcentral Åby – hälsa'); // 'Vårdcentral Åby – hälsa'
 * nameText().safeParse('a\u202eevil').success; // false: contains U+202E (right-to-left override)
 */
export function nameText(opts: { min?: number; max?: number } = {}): z.ZodString {
  return withTextCheck(z.string().overwrite(trimName).min(opts.min ?? 1).max(opts.max ?? NAME_MAX), {});
}

/**
 * A free text (a comment, a return reason): at most `max` UTF-16 code units, line feeds and tabs
 * kept, every other character {@link findTextFault} refuses for `multiline` refused.
 */
export function freeText(max: number): z.ZodString {
  return withTextCheck(z.string().max(max), { multiline: true });
}
