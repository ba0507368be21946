/**
 * The server's import summary (`server/http/import-summary.ts`, dry run or not) as the pane shows
 * it: the rows added and changed, each refused record in the server's words, the file's columns
 * the document does not have, and the reference values no list names. Read with `safeParse` (the
 * answer is an edge): a part the pane cannot read is shown as none, never as a crash.
 */
import { z } from 'zod';
import type { Lang } from './strings.js';

const localized = z.looseObject({ sv: z.string().optional(), en: z.string().optional() });
const worded = z.looseObject({ message: localized.optional(), reason: z.string().optional() });
const summarySchema = z.looseObject({
  imported: z.number().catch(0),
  updated: z.number().catch(0),
  refused: z.array(worded).catch([]),
  unknownColumns: z.array(z.string()).catch([]),
  unresolved: z.array(worded).catch([]),
});

/** What an import did, or a dry run would do, in words of one language. */
export interface ImportSummaryWords {
  /** Rows added. */
  imported: number;
  /** Stored rows changed. */
  updated: number;
  /** Each refused record: "Rad 5 i filen: …" (nothing of it is stored). */
  refused: string[];
  /** The file's headers (or JSON keys) that name no column of the document: not read. */
  unknownColumns: string[];
  /** Each reference value no list names, kept as typed: "Enhet: "Tensta vc" finns inte i listan. Menade du …?". */
  unresolved: string[];
}

/** The words of a refused record or unresolved value in `lang`: the server's own, else its English reason. */
function wordsOf(item: z.infer<typeof worded>, lang: Lang): string {
  return item.message?.[lang] ?? item.reason ?? item.message?.en ?? '';
}

/**
 * The summary `raw` in `lang`.
 *
 * @example
 * summaryWords({ imported: 2, updated: 0, refused: [], unknownColumns: ['Färg'], unresolved: [] }, 'sv').unknownColumns // ['Färg']
 */
export function summaryWords(raw: unknown, lang: Lang): ImportSummaryWords {
  const parsed = summarySchema.safeParse(raw);
  if (!parsed.success) return { imported: 0, updated: 0, refused: [], unknownColumns: [], unresolved: [] };
  const s = parsed.data;
  return {
    imported: s.imported,
    updated: s.updated,
    refused: s.refused.map((r) => wordsOf(r, lang)),
    unknownColumns: s.unknownColumns,
    unresolved: s.unresolved.map((u) => wordsOf(u, lang)),
  };
}
