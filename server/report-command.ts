/**
 * `samplan report <workspace> <round> [--unit <unit>] [--lang en] [--out report.html] [--pdf report.pdf]`:
 * the styrgrupp report of a round, for the county or one unit, as printable HTML and, with
 * `--pdf`, as a PDF printed by Chromium (`server/print/pdf.ts`). Reads the database directly, so
 * it works beside a running server. `lang` is the report's language (`--lang`, else Swedish);
 * what the command itself says (a round or unit that is not there, the files written, a document
 * that could not be read) is in `say`, the CLI's language (`cli-lang.ts`). A document whose stored history is damaged is named (here and
 * in the report) and left out, as the server's report does; the report is still written, and the
 * command exits 1 so that a scheduled job learns the report is partial, as `samplan history scan`
 * exits 1 for a history that does not decode.
 *
 * @example
 * samplan report hbi-stockholm 2025-kv-2 --pdf styrgrupp-2025-kv-2.pdf
 */
import { writeOutputFile } from './output-file.js';
import { reportHtml } from '../shared/rounds/report-html.js';
import { storageDocAccess } from './http/doc-access.js';
import { approvedUnitsOf, loadRoundData } from './http/round-data.js';
import { htmlToPdf, isBrowserMissing } from './print/pdf.js';
import { buildReportInput } from './rounds/report-input.js';
import { requireRound, RoundError, RoundsService } from './rounds/rounds-service.js';
import { RoundsStore } from './rounds/rounds-store.js';
import type { Storage } from './storage/storage.js';
import { CliError, shownPath } from './cli-args.js';
import { sentenceOf } from './cli-lang.js';

/** What the command is asked for. */
export interface ReportRequest {
  workspace: string;
  round: string;
  unit: string | null;
  /** The report's language. */
  lang: 'sv' | 'en';
  /** The language of the command's own lines and refusals; English when left out. */
  say?: 'sv' | 'en';
  /** The HTML's file (absolute), `-` for standard output, or null. */
  out: string | null;
  /** The PDF's file (absolute), `-` for standard output, or null. */
  pdf: string | null;
}

/**
 * Render the report; write HTML and PDF where asked (HTML to stdout when neither is; either to stdout
 * when its file is `-`, the command's own lines then on `warn`). Resolves with
 * the exit code: 0 when the report is whole; 1 when it was written leaving out a document it names
 * because its stored history is damaged (a unit's report: the unit's own and those of no reporting
 * unit, as the report names them), or when no PDF could be printed (no Chromium). `warn` is told
 * each document left out (stderr from the CLI, so it never mixes into HTML written to stdout);
 * `print` by default.
 * @throws CliError with the English sentence for a round, or a unit of it, that is not there
 */
export async function reportCommand(storage: Storage, req: ReportRequest, print: (line: string) => void, now = new Date(), warn: (line: string) => void = print): Promise<number> {
  const rounds = new RoundsService(new RoundsStore(storage), storage, () => now);
  let html: string;
  let leftOut: number;
  try {
    // As the HTTP report: archived documents count only for the units approved in the round.
    // Keyed by the round's id, not by the id as asked (`2025 KV 4` for `2025-kv-4`: `requireRound`).
    const state = await rounds.store.state(req.workspace);
    const roundId = requireRound(state, req.round).id;
    const approvedUnits = approvedUnitsOf(state, roundId);
    // A damaged document is named in the report and here, not a failure of the whole report.
    const data = await loadRoundData(storage, storageDocAccess(storage), req.workspace, { approvedUnits, keepUnreadable: true });
    const input = await buildReportInput({ rounds, workspace: req.workspace, roundId, scope: req.unit, lang: req.lang, data, now });
    // The documents this report names: another clinic's damaged plan changes nothing in a unit's report.
    const named = input.unreadable ?? [];
    const said = req.say ?? 'en';
    const without = { sv: 'Rapporten nämner det och görs utan det.', en: 'The report names it and is made without it.' };
    for (const d of named) warn(`${d.message[said]} ${without[said]}`);
    leftOut = named.length;
    html = reportHtml(input);
  } catch (e) {
    if (e instanceof RoundError) throw new CliError(e.localized);
    throw e;
  }
  // What goes to standard output is the report alone: the command's lines go to stderr then.
  const toStandardOutput = req.out === '-' || req.pdf === '-';
  const say = toStandardOutput ? warn : print;
  if (req.out === '-') process.stdout.write(html);
  else if (req.out) {
    await writeOutputFile(req.out, html);
    say(wrote(req.out, req.say));
  }
  if (req.pdf) {
    let pdf: Uint8Array;
    try {
      pdf = await htmlToPdf(html);
    } catch (e) {
      if (isBrowserMissing(e)) {
        say(`${sentenceOf(e, req.say ?? 'en')}.`);
        return 1;
      }
      throw e;
    }
    if (req.pdf === '-') process.stdout.write(pdf);
    else {
      await writeOutputFile(req.pdf, pdf);
      say(wrote(req.pdf, req.say));
    }
  }
  if (!req.out && !req.pdf) process.stdout.write(html);
  return leftOut > 0 ? 1 : 0;
}

/** The line saying the report was written to `file`, in `lang`. */
function wrote(file: string, lang: 'sv' | 'en' = 'en'): string {
  return lang === 'sv' ? `Skrev ${shownPath(file)}.` : `Wrote ${shownPath(file)}.`;
}
