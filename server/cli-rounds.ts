/**
 * `samplan rounds …`: defining, listing, closing and reopening follow-up rounds from the command
 * line, with the same rules, checks, words and audit lines as `POST /v1/workspaces/:ws/rounds`,
 * `…/:round/close` and `…/:round/reopen` (`rounds/rounds-service.ts`).
 * Indicators are named as in the workspace's catalog (its name or its id); a `N:` in front gives
 * the indicator to unit level N only (1 = the region, 2 = the units below it; see
 * `shared/rounds/levels.ts`), without it every level reports it. The period is read in words or
 * as a code (`2026 kv 1`, `2026Q1`, `mars 2026`, `2026`).
 *
 * @example
 * samplan rounds define --workspace hbi-stockholm --title "2026 kv 1" --period "2026 kv 1" --due 2026-04-15 \
 *   --indicator "Genomförda hälsosamtal" --indicator "1:Andel FaR följda upp efter ca 6 månader"
 * samplan rounds define --workspace hbi-stockholm --title "Halvtid 2026" --period 2026 --due 2026-07-15 --interim
 * samplan rounds list --workspace hbi-stockholm
 * samplan rounds close 2026-kv-1 --workspace hbi-stockholm --reason "Styrgruppen beslutade 18/7"
 */
import { periodWords } from '../shared/i18n/period-label.js';
import { ROLE_WORDS, roundWords } from '../shared/i18n/round-messages.js';
import { mayCloseRounds } from '../shared/rounds/closure.js';
import { parseAnyPeriod } from '../shared/normalize/parse-period.js';
import { closureBodySchema, roundDefSchema, roundIdOf, type RoundClosureAction, type RoundDef } from '../shared/rounds/model.js';
import { storageDocAccess } from './http/doc-access.js';
import { loadRoundData } from './http/round-data.js';
import { RoundError, RoundsService, type RoundPrincipal } from './rounds/rounds-service.js';
import { RoundsStore } from './rounds/rounds-store.js';
import { assertStorableText } from './storage/record-text.js';
import type { Storage } from './storage/storage.js';
import { quoted } from './cli-args.js';
import { checkRoundsArguments, dueDateOf, RoundsUsageError, type RoundsFlags } from './cli-rounds-args.js';
import { requireWorkspace } from './cli-workspace.js';
import { trimName } from '../shared/validate/text-fault.js';
import { issueWordsEn } from '../shared/i18n/issue-words-en.js';
import { issueWordsSv, type IssueLike } from '../shared/i18n/issue-words.js';
import type { CliLang } from './cli-lang.js';
import type { Localized } from '../shared/schema/types.js';
import { digits, numberText } from '../shared/i18n/number-words.js';

/** A zod issue's words after `flag`, in both languages, as a {@link RoundsUsageError} (an argument mistake). */
function issueMistake(flag: string, issue: IssueLike | undefined): RoundsUsageError {
  const words: Localized = issue ? { sv: issueWordsSv(issue), en: issueWordsEn(issue) } : { sv: 'är inte giltigt', en: 'is not valid' };
  return new RoundsUsageError({ sv: `${flag} ${words.sv}.`, en: `${flag} ${words.en}.` }, true);
}

/** Find a catalog indicator by id, or by name ignoring case and surrounding spaces. */
function findIndicator(text: string, catalog: ReadonlyMap<string, { name: string }>): string {
  const want = text.trim().toLowerCase();
  if (catalog.has(text.trim())) return text.trim();
  for (const [id, def] of catalog) if (def.name.trim().toLowerCase() === want) return id;
  const near = [...catalog.values()].map((d) => d.name).filter((n) => want.split(/\s+/).some((w) => w.length > 3 && n.toLowerCase().includes(w))).slice(0, 3);
  const names = near.map((n) => `"${n}"`).join(', ');
  throw new RoundsUsageError({
    sv: `Det finns ingen indikator "${text}" i arbetsytans katalog${near.length ? `; menade du ${names}?` : '.'}`,
    en: `There is no indicator "${text}" in the workspace's catalog${near.length ? `; did you mean ${names}?` : '.'}`,
  });
}

/**
 * Who a round's definition, closing or reopening is made as and audited by: `--member` (trimmed,
 * lower-cased as member ids are stored), which must be a member of workspace `ws` holding a role
 * that may define, close and reopen rounds (coordinator or admin, `mayCloseRounds`), with that
 * member's own role and units; or `samplan-cli`, an admin, when it is left out. Throws
 * {@link RoundsUsageError} (exit 2), in Swedish and English, naming a member that is not there, as
 * `member remove` does, so no round's history names someone the workspace never had, or the member
 * and the role it holds and the roles needed, so no history says an editor closed a round.
 */
async function actingMember(storage: Storage, ws: string, member: string | undefined): Promise<RoundPrincipal> {
  if (member === undefined) return { workspace: ws, memberId: 'samplan-cli', role: 'admin', units: [] };
  const id = member.trim().toLowerCase();
  const record = id === '' ? null : await storage.getMember(ws, id);
  if (!record) {
    throw new RoundsUsageError({
      sv: `Det finns ingen medlem ${quoted(member)} i ${ws}; samplan member list --workspace ${ws} visar dem.`,
      en: `There is no member ${quoted(member)} in ${ws}; samplan member list --workspace ${ws} lists them.`,
    });
  }
  if (!mayCloseRounds(record.role)) {
    const role = ROLE_WORDS[record.role];
    throw new RoundsUsageError({
      sv: `Medlemmen ${quoted(member)} i ${ws} är ${role.sv}: att lägga upp, stänga och öppna omgångar kräver rollen samordnare eller administratör. Ge --member en sådan medlem, eller lämna bort --member.`,
      en: `The member ${quoted(member)} of ${ws} is ${/^[aeiou]/.test(role.en) ? 'an' : 'a'} ${role.en}: defining, closing and reopening rounds takes the role coordinator or administrator. Give --member such a member, or leave --member out.`,
    });
  }
  return { workspace: ws, memberId: id, role: record.role, units: record.units };
}

/**
 * `rounds define|list|close|reopen`; resolves with the exit code. Its lines are in `lang`
 * (`cli-lang.ts`); `list`'s tab-separated rows are data, the same in both: id, period, due date,
 * title, then `interim` for an interim round (a delavstämning) and `closed <time>` for a closed one.
 * @throws RoundsUsageError with a sentence for a missing or wrong flag, an unknown workspace,
 *   indicator or `--member`, a period that is none, a taken id
 */
export async function roundsCommand(
  sub: string | undefined,
  flags: RoundsFlags,
  storage: Storage,
  log: (line: string) => void,
  clock: () => Date = () => new Date(),
  argumentsChecked = false,
  lang: CliLang = 'en',
): Promise<number> {
  if (!argumentsChecked) checkRoundsArguments(sub, flags);
  const ws = flags.workspace ?? '';
  await requireWorkspace(storage, ws);
  const store = new RoundsStore(storage);
  if (sub === 'list') {
    const state = await store.state(ws);
    for (const r of state.rounds.values()) {
      const closure = state.closures.get(r.id);
      log([r.id, periodWords(r.period, 'en'), `due ${r.dueDate}`, r.title, ...(r.interim === true ? ['interim'] : []), ...(closure?.closed ? [`closed ${closure.at}`] : [])].join('\t'));
    }
    return 0;
  }
  if (sub === 'close' || sub === 'reopen') return closeCommand(sub, flags, await actingMember(storage, ws, flags.member), new RoundsService(store, storage, clock), (l) => log(l[lang]));
  if (sub !== 'define') {
    throw new RoundsUsageError({ sv: `Okänt rounds-kommando ${quoted(sub ?? '')}; använd define, list, close eller reopen.`, en: `Unknown rounds command ${quoted(sub ?? '')}; use define, list, close or reopen.` }, true);
  }
  // Both checked by checkRoundsArguments.
  const period = parseAnyPeriod(flags.period ?? '');
  const due = dueDateOf(flags.due);
  if (!period) throw new RoundsUsageError({ sv: '--period saknas.', en: 'Missing --period.' }, true);
  const actor = await actingMember(storage, ws, flags.member);
  const title = (flags.title !== undefined ? trimName(flags.title) : '') || periodWords(period, 'sv');
  // The title before the id made of it: a title that is a number in another script makes no id,
  // and the sentence must name the number, not the id.
  assertStorableText('round', { title, ...(flags.id !== undefined ? { id: flags.id } : {}) });
  const id = flags.id ?? roundIdOf(title);
  const data = await loadRoundData(storage, storageDocAccess(storage), ws);
  const every: string[] = [];
  const byLevel = new Map<number, string[]>();
  for (const text of flags.indicator ?? []) {
    const m = /^(\d+)\s*:\s*(.+)$/.exec(text);
    const ref = findIndicator(m ? (m[2] ?? '') : text, data.definitions);
    if (m) byLevel.set(Number(m[1]), [...(byLevel.get(Number(m[1])) ?? []), ref]);
    else every.push(ref);
  }
  const body = {
    id,
    title,
    period,
    dueDate: due,
    indicators: every,
    activities: !flags['no-activities'],
    ...(flags.interim ? { interim: true } : {}),
    ...(byLevel.size > 0 ? { levels: [...byLevel].map(([level, indicators]) => ({ level, indicators })) } : {}),
  };
  const parsed = roundDefSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { id: '--id', title: '--title', levels: '--indicator N:…' }[String(issue?.path[0] ?? 'id')] ?? `--${String(issue?.path[0] ?? 'id')}`;
    throw issueMistake(flag, issue);
  }
  const service = new RoundsService(store, storage, clock);
  let def: RoundDef;
  try {
    def = await service.create(actor, parsed.data);
  } catch (e) {
    // A due date inside the period is confirmed on the command line by --interim.
    if (e instanceof RoundError && e.code === 'round-due-in-period') {
      throw new RoundsUsageError({
        sv: `${e.localized.sv} Lägg till --interim för att lägga upp den som delavstämning.`,
        en: `${e.localized.en} Add --interim to define it as an interim round.`,
      });
    }
    if (e instanceof RoundError && e.code === 'round-interim-after-period') {
      throw new RoundsUsageError({ sv: `${e.localized.sv} Ta bort --interim.`, en: `${e.localized.en} Leave out --interim.` });
    }
    if (e instanceof RoundError) throw new RoundsUsageError(e.localized);
    throw e;
  }
  log(definedLine(def)[lang]);
  return 0;
}

/** What `rounds define` says of the round `def` it defined, in both languages. */
function definedLine(def: RoundDef): Localized {
  const indicators = (n: number): Localized => ({ sv: `${numberText(n, 'sv')} ${n === 1 ? 'indikator' : 'indikatorer'}`, en: `${numberText(n, 'en')} indicator${n === 1 ? '' : 's'}` });
  const levels = def.levels ?? [];
  const asked = { sv: levels.map((l) => `, ${indicators(l.indicators.length).sv} bara för nivå ${digits(l.level)}`).join(''), en: levels.map((l) => `, ${indicators(l.indicators.length).en} for level ${digits(l.level)} only`).join('') };
  const every = indicators(def.indicators.length);
  const interim = def.interim ? { sv: ', delavstämning', en: ', interim' } : { sv: '', en: '' };
  return {
    sv: `Omgången ${def.id} (${periodWords(def.period, 'sv')}, sista dag ${def.dueDate}${interim.sv}) lades upp: ${every.sv} för alla nivåer${asked.sv}, aktiviteter ${def.activities ? 'rapporteras' : 'rapporteras inte'}.`,
    en: `Round ${def.id} (${periodWords(def.period, 'en')}, due ${def.dueDate}${interim.en}) defined: ${every.en} for every level${asked.en}, activities ${def.activities ? 'reported' : 'not reported'}.`,
  };
}

/** `rounds close|reopen <round>` as `p` ({@link actingMember}); a refusal is the service's sentence. */
async function closeCommand(action: RoundClosureAction, flags: RoundsFlags, p: RoundPrincipal, service: RoundsService, log: (line: Localized) => void): Promise<number> {
  const round = flags.round ?? '';
  const reason = flags.reason === undefined ? undefined : closureBodySchema.safeParse({ reason: flags.reason });
  if (reason && !reason.success) throw issueMistake('--reason', reason.error.issues[0]);
  try {
    const closure = await service.setClosed(p, round, action, reason?.data.reason);
    const def = (await service.store.state(p.workspace)).rounds.get(closure.round);
    const name = def ? roundWords(def) : { sv: round, en: round };
    const why = closure.reason ? { sv: ` Skälet sparas i dess historik: ${closure.reason}`, en: ` Reason kept in its history: ${closure.reason}` } : { sv: '', en: '' };
    log(
      action === 'close'
        ? { sv: `Omgången ${name.sv} stängdes: ingen enhet kan skicka in eller ändra sina siffror i den förrän den öppnas igen.${why.sv}`, en: `Round ${name.en} closed: no unit can submit or change its figures in it until it is reopened.${why.en}` }
        : { sv: `Omgången ${name.sv} öppnades igen: enheterna kan skicka in och ändra sina siffror i den igen.${why.sv}`, en: `Round ${name.en} reopened: the units can submit and change their figures in it again.${why.en}` },
    );
    return 0;
  } catch (e) {
    if (e instanceof RoundError && e.code === 'round-interim-after-period') {
      throw new RoundsUsageError({ sv: `${e.localized.sv} Ta bort --interim.`, en: `${e.localized.en} Leave out --interim.` });
    }
    if (e instanceof RoundError) throw new RoundsUsageError(e.localized);
    throw e;
  }
}
