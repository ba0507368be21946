/**
 * `indicators=a,b` on a round's roll-up (`GET …/rounds/:round/rollup`, with or without
 * `period=`): picks some of the indicators the round follows (its own list and its levels'
 * lists, `roundIndicators`). An id the round does not follow is 400 `round-indicator` naming it
 * and the round's indicators, never an answer that quietly leaves the parameter out.
 */
import { roundWords } from '../../shared/i18n/round-messages.js';
import { roundIndicators } from '../../shared/rounds/levels.js';
import type { RoundDef } from '../../shared/rounds/model.js';
import type { PeriodRollup } from '../../shared/rounds/rollup.js';
import { AppError } from './errors.js';

/** The asked indicators (comma separated ids, blanks dropped), or null when `text` is absent; throws 400 for an id `round` does not follow. */
export function roundIndicatorsAsked(text: string | undefined, round: RoundDef): Set<string> | null {
  if (text === undefined) return null;
  const asked = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const followed = roundIndicators(round);
  const unknown = asked.filter((id) => !followed.includes(id));
  if (unknown.length === 0) return new Set(asked);
  const list = unknown.map((id) => `"${id}"`).join(', ');
  const words = roundWords(round);
  const has = followed.map((id) => `"${id}"`).join(', ') || '–';
  throw new AppError(400, 'round-indicator', `The round ${words.en} does not follow the indicator ${list}; it follows ${has}.`, {
    message: { sv: `Omgången ${words.sv} följer inte indikatorn ${list}; den följer ${has}.`, en: `The round ${words.en} does not follow the indicator ${list}; it follows ${has}.` },
  });
}

/** `result` with only the `asked` indicators' rows (all of them when `asked` is null). */
export function pickIndicators<R extends Pick<PeriodRollup, 'indicators'>>(result: R, asked: ReadonlySet<string> | null): R {
  return asked === null ? result : { ...result, indicators: result.indicators.filter((r) => asked.has(r.indicator)) };
}
