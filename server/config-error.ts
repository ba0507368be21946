/**
 * The error of a setting (`config.ts`, `auth/oidc-config.ts`), in a module of its own so that the
 * CLI tells it (exit 2, one line) without loading what tells a store's errors (`cli-failure.ts`).
 */
import type { Localized } from '../shared/schema/types.js';

/**
 * A configuration value that could not be accepted; `message` is meant for the operator, in
 * English, and `sv` is the same sentence in Swedish when it was given in both languages (the CLI
 * says the one of its language, `sentenceOf`).
 */
export class ConfigError extends Error {
  /** The sentence in Swedish, when it was given in both languages. */
  readonly sv: string | undefined;

  constructor(message: string | Localized) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'ConfigError';
    this.sv = typeof message === 'string' ? undefined : message.sv;
  }
}

/** Sentences in both languages joined, each language with its own. */
export function joinWords(words: readonly Localized[]): Localized {
  return { sv: words.map((w) => w.sv).join(' '), en: words.map((w) => w.en).join(' ') };
}

/**
 * The sentence for setting `source` (`--port / PORT`) refused with `words` (after its name), the
 * value `got` quoted: `The setting --port / PORT must be a number: got "80a".`
 */
export function settingWords(source: string, words: Localized, got: unknown): Localized {
  const shown = JSON.stringify(got);
  return { sv: `Inställningen ${source} ${words.sv}: fick ${shown}.`, en: `The setting ${source} ${words.en}: got ${shown}.` };
}
