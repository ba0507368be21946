/**
 * Follow-up rounds (uppföljningsomgångar) as data, validated by zod on both sides. A round is a
 * period (`yyyy`, `yyyyQn`, `yyyyMM`, `yyyySn`) with a due date and what the units report in it:
 * indicator values (by indicator id) and the outcome columns of activity-plan rows that end in
 * the period (status genomförd/inställd, deltagare nådda). Per unit × round there is a status
 * with the history of its transitions; per round the county's self-assessment on the maturity
 * scale of seed 002 with its history. The model follows DHIS2's completeness per data set ×
 * period × org unit and its approval, which locks the data.
 */
import { z } from 'zod';
import { checkWords } from '../i18n/check-words.js';
import { parseAnyPeriod } from '../normalize/parse-period.js';
import { periodOrWords } from '../normalize/period-refusal.js';
import { isIsoDate } from '../normalize/excel-date.js';
import { missingDayWords } from '../normalize/missing-day-words.js';
import { MATURITY_LEVELS } from '../catalog/maturity.js';
import { ROUND_ID_MAX, ROUND_ID_WORDS, UNIT_PATTERN } from '../schema/formats.js';
import { freeText, nameText } from '../validate/plain-text.js';
import { strictBody } from '../validate/strict-body.js';
import { MEMBER_ID_MAX } from '../protocol/member-id.js';

/** A unit's status in a round. `ej-paborjad` and `pagar` are derived from the data; the rest are set by transitions. */
export const ROUND_STATUSES = ['ej-paborjad', 'pagar', 'inskickad', 'godkand', 'atersand'] as const;
/** One of {@link ROUND_STATUSES}. */
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** The transitions: an editor submits, a coordinator approves or returns, an admin reopens. */
export const ROUND_ACTIONS = ['submit', 'approve', 'return', 'reopen'] as const;
/** One of {@link ROUND_ACTIONS}. */
export type RoundAction = (typeof ROUND_ACTIONS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, checkWords({ sv: 'ska vara ett datum ÅÅÅÅ-MM-DD', en: 'must be a date YYYY-MM-DD' }));
const NO_SUCH_DATE = { sv: 'ska vara ett datum ÅÅÅÅ-MM-DD som finns (månad 01–12, en dag som månaden har)', en: 'must be a date YYYY-MM-DD that exists (month 01–12, a day the month has)' };

/**
 * A day that exists (`isIsoDate`): 2026-02-30 or 2025-13-45 are refused where a round is defined.
 * A day its month lacks is told why and which days would do (`2026-02-29`: 2026 is no leap year;
 * 2026-02-28 or 2026-03-01), as the command line's `--due` tells it (`missingDayWords`).
 */
const calendarDate = isoDate.superRefine((text, ctx) => {
  // Another form is refused by `isoDate` in its own words.
  if (isIsoDate(text) || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return;
  const missing = missingDayWords(text);
  const words = missing
    ? { sv: `är ${text}, en dag som inte finns: ${missing.why.sv}; skriv t.ex. ${missing.last} eller ${missing.next}`, en: `is ${text}, a day that does not exist: ${missing.why.en}; write e.g. ${missing.last} or ${missing.next}` }
    : NO_SUCH_DATE;
  ctx.addIssue({ code: 'custom', message: words.en, params: { sv: words.sv }, input: text });
});
const unitCode = z.string().max(64).regex(UNIT_PATTERN, checkWords({ sv: 'ska vara en enhetskod (små bokstäver a–z, siffror och "-")', en: 'must be a unit code' }));
const ref = z.string().min(1).max(64);

const NOT_A_PERIOD = checkWords({ sv: 'ska vara en period, t.ex. 2026, 2026 kv 1, 2026 halvår 1, mars 2026 eller mar-26', en: 'must be a period, e.g. 2026, 2026 Q1, 2026 H1, March 2026 or Mar-26' });

/**
 * A round's id, the one shape every door takes and prints: lower-case ASCII words joined by `-`
 * (`2025-kv-2`, `2026-kv-1`), at most 64 characters. REST's body (`roundDefSchema`), the CLI's
 * `rounds close|reopen <round>` and `--id`, and the pane's round form (`roundIdOf`) all use it.
 */
export const roundIdSchema = z.string().max(ROUND_ID_MAX).regex(UNIT_PATTERN, checkWords(ROUND_ID_WORDS));

/** A round as a coordinator defines it (body of `POST /v1/workspaces/:ws/rounds`). */
export const roundDefSchema = strictBody({
  /** Stable id ({@link roundIdSchema}), e.g. `2025-kv-2`. */
  id: roundIdSchema,
  title: nameText(),
  /**
   * The period, stored as its code (`2026Q1`); written as the code or in words as the pane and the
   * CLI take it (`2026 kv 1`, `mars 2026`, `mar-26`, `helår 2026`, a month's first day
   * `2026-03-01`, `1.3.2026`, `1 mars 2026`; every form of `readPeriod`, which states the rule
   * for dates). A refusal says why (`periodOrWords`): a day, a slashed date read two ways, a week.
   */
  period: z
    .string()
    .max(40)
    .superRefine((text, ctx) => {
      const read = periodOrWords(text);
      if ('code' in read) return;
      // Text that is no period at all gets the spellings; a day, a slashed date read two ways, a
      // week or a season is told as what it is (`shared/i18n/period-refusals.ts`).
      if (read.refusal.code === 'not-period') ctx.addIssue({ code: 'custom', message: NOT_A_PERIOD.error, input: text });
      else ctx.addIssue({ code: 'custom', message: read.words.en, params: { sv: read.words.sv }, input: text });
    })
    .transform((text) => parseAnyPeriod(text) as string),
  /** Last day to submit (ISO date, a day that exists); the round is overdue for a unit not submitted after it. */
  dueDate: calendarDate,
  /**
   * An interim round (delavstämning, as seed 002's halvtidsreflektion or seed 004's avstämning
   * during a programme): its due date may lie inside its period, before the period ends. Without
   * it such a due date is held back for the coordinator to confirm (409 `round-due-in-period`,
   * `rounds-service.ts`): clinics would otherwise report a period that has not ended. Absent: no.
   */
  interim: z.boolean().optional(),
  /** Indicator ids each unit reports for the round's period (kön T); empty: none. Every level's list unless {@link levels} names the level. */
  indicators: z.array(ref).max(500).default([]),
  /**
   * What each unit level reports, where it differs from {@link indicators}: level 1 is the
   * workspace's top unit (the region or län), 2 the units below it (the clinics), and so on
   * (`shared/rounds/levels.ts`). A level named here also reports when {@link units} is empty,
   * so `[{ level: 1, indicators: [...] }]` adds the region's own report. Absent: one list for all.
   */
  levels: z
    .array(strictBody({ level: z.number().int().min(1).max(10), indicators: z.array(ref).max(500) }))
    .max(10)
    .refine((ls) => new Set(ls.map((l) => l.level)).size === ls.length, checkWords({ sv: 'får nämna varje nivå en gång', en: 'must name each level once' }))
    .optional(),
  /** Do the units report the outcome of activity-plan rows that end in the period? */
  activities: z.boolean().default(true),
  /** The reporting units, any of them; empty: every active unit below the workspace's top unit (`reportingUnitsOf`, `levels.ts`: one whose documents are all archived has ended). */
  units: z.array(unitCode).max(1000).default([]),
});
/**
 * A round id from its title: lower-case ASCII words joined by `-` ("Helår 2025" → `helar-2025`,
 * "2026 kv 1" → `2026-kv-1`), at most 64 characters; empty when the title has no letter or digit.
 */
export function roundIdOf(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    // NFKD parts a letter from its marks (ü → u + ¨, å → a + ˚) and opens ligatures and
    // compatibility forms (ﬁ → fi, Ⅻ → XII): the marks go, the letters stay (Müller → muller,
    // not mu-ller). Letters NFKD leaves whole are spelt out.
    .replace(/\p{M}+/gu, '')
    .replace(/[æœßøłđı]/g, (c) => LETTERS_SPELT[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** Latin letters without a decomposition, as ASCII spells them in an id. */
const LETTERS_SPELT: Readonly<Record<string, string>> = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

/**
 * A round as read back from storage: {@link roundDefSchema} with the due date's shape only and any
 * title, so a round defined before due dates were checked for a day that exists, or before titles
 * were checked for the characters a name may not hold (`nameText`), or with a key this version does
 * not know, is still listed, not dropped.
 */
export const storedRoundDefSchema = roundDefSchema.extend({ dueDate: isoDate, title: z.string().trim().min(1).max(200) }).strip();
/** A round definition; see {@link roundDefSchema}. */
export type RoundDef = z.infer<typeof roundDefSchema>;

/** One transition of a unit in a round, kept forever (also in the audit trail). */
export const transitionSchema = z.object({
  action: z.enum(ROUND_ACTIONS),
  from: z.enum(ROUND_STATUSES),
  to: z.enum(ROUND_STATUSES),
  /** Member id of who did it. */
  by: z.string().max(MEMBER_ID_MAX),
  /** ISO time. */
  at: z.string().max(40),
  reason: z.string().max(2000).nullable(),
});
/** See {@link transitionSchema}. */
export type Transition = z.infer<typeof transitionSchema>;

/** The stored state of a unit in a round: the last transition's result and all of them. */
export const unitRoundSchema = z.object({
  round: ref,
  unit: unitCode,
  status: z.enum(ROUND_STATUSES),
  /** The coordinator's (or admin's) reason when returned or reopened; null otherwise. */
  reason: z.string().max(2000).nullable(),
  history: z.array(transitionSchema).max(10_000),
});
/** See {@link unitRoundSchema}. */
export type UnitRound = z.infer<typeof unitRoundSchema>;

/** The maturity levels' values, '1' … '4' (seed 002). */
const LEVELS = MATURITY_LEVELS.map((m) => m.value) as ['1', '2', '3', '4'];

/** One placement of the county on the maturity scale in a round. */
export const placementSchema = z.object({
  level: z.enum(LEVELS),
  comment: z.string().max(2000).nullable(),
  by: z.string().max(MEMBER_ID_MAX),
  at: z.string().max(40),
});
/** See {@link placementSchema}. */
export type Placement = z.infer<typeof placementSchema>;

/** Body of `POST …/rounds/:round/units/:unit/:action`. */
export const transitionBodySchema = strictBody({ reason: freeText(2000).optional() });

/**
 * Body of `POST …/rounds/:round/maturity`: `level` '1' … '4', or the number 1 … 4 (a round's own
 * `levels[].level` is a number, so a client writing both sends numbers; read as the string).
 */
export const placementBodySchema = strictBody({
  level: z.preprocess((v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : v), z.enum(LEVELS)),
  comment: freeText(2000).optional(),
});

/** What the manager does to a whole round: close it (no unit submits or changes its figures after) or reopen it (the undo). */
export const ROUND_CLOSURE_ACTIONS = ['close', 'reopen'] as const;
/** One of {@link ROUND_CLOSURE_ACTIONS}. */
export type RoundClosureAction = (typeof ROUND_CLOSURE_ACTIONS)[number];

/**
 * Whether a round is closed, stored per round (`POST …/rounds/:round/close` and `…/reopen`):
 * `closed`, who (member id) closed or reopened it last and when (ISO time), and every such move.
 * A round never closed has none (open).
 */
export const roundClosureSchema = z.object({
  round: ref,
  closed: z.boolean(),
  by: z.string().max(MEMBER_ID_MAX),
  at: z.string().max(40),
  /** Why it was closed or reopened last, as the coordinator wrote it; null for none (and for closures stored before reasons were kept). */
  reason: z.string().max(2000).nullable().default(null),
  history: z
    .array(z.object({ action: z.enum(ROUND_CLOSURE_ACTIONS), by: z.string().max(MEMBER_ID_MAX), at: z.string().max(40), reason: z.string().max(2000).nullable().default(null) }))
    .max(10_000),
});
/** See {@link roundClosureSchema}. */
export type RoundClosure = z.infer<typeof roundClosureSchema>;

/** Body of `POST …/rounds/:round/close` and `…/reopen`: an optional reason, kept in the round's closure history. */
export const closureBodySchema = strictBody({ reason: freeText(2000).optional() });

/** A closed round as `GET …/rounds` and the rounds stream list it (`closed`): who closed it, when and why (null: no reason given, or an older server). */
export const closedRoundSchema = z.object({ round: z.string(), by: z.string(), at: z.string(), reason: z.string().nullable().default(null) });
/** See {@link closedRoundSchema}. */
export type ClosedRound = z.infer<typeof closedRoundSchema>;

/** The answer of `POST …/rounds/:round/close` and `…/reopen`: the round's closure as stored now. */
export const closureAnswerSchema = z.object({ closure: roundClosureSchema });
