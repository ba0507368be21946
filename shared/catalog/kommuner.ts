/**
 * Swedish län and kommun codes (SCB's official four-digit kommun codes: the first two digits
 * are the län code). We list every län and the kommuner our seeds need: all of Stockholms län
 * (seeds 000, 001) and all 13 of Jönköpings län (seeds 002, 004).
 */

/** The 21 län codes and names. */
export const LAN: Readonly<Record<string, string>> = {
  '01': 'Stockholms län',
  '03': 'Uppsala län',
  '04': 'Södermanlands län',
  '05': 'Östergötlands län',
  '06': 'Jönköpings län',
  '07': 'Kronobergs län',
  '08': 'Kalmar län',
  '09': 'Gotlands län',
  '10': 'Blekinge län',
  '12': 'Skåne län',
  '13': 'Hallands län',
  '14': 'Västra Götalands län',
  '17': 'Värmlands län',
  '18': 'Örebro län',
  '19': 'Västmanlands län',
  '20': 'Dalarnas län',
  '21': 'Gävleborgs län',
  '22': 'Västernorrlands län',
  '23': 'Jämtlands län',
  '24': 'Västerbottens län',
  '25': 'Norrbottens län',
};

/** Kommun code → name for the kommuner we know. */
export const KOMMUNER: Readonly<Record<string, string>> = {
  '0114': 'Upplands Väsby',
  '0115': 'Vallentuna',
  '0117': 'Österåker',
  '0120': 'Värmdö',
  '0123': 'Järfälla',
  '0125': 'Ekerö',
  '0126': 'Huddinge',
  '0127': 'Botkyrka',
  '0128': 'Salem',
  '0136': 'Haninge',
  '0138': 'Tyresö',
  '0139': 'Upplands-Bro',
  '0140': 'Nykvarn',
  '0160': 'Täby',
  '0162': 'Danderyd',
  '0163': 'Sollentuna',
  '0180': 'Stockholm',
  '0181': 'Södertälje',
  '0182': 'Nacka',
  '0183': 'Sundbyberg',
  '0184': 'Solna',
  '0186': 'Lidingö',
  '0187': 'Vaxholm',
  '0188': 'Norrtälje',
  '0191': 'Sigtuna',
  '0192': 'Nynäshamn',
  '0604': 'Aneby',
  '0617': 'Gnosjö',
  '0642': 'Mullsjö',
  '0643': 'Habo',
  '0662': 'Gislaved',
  '0665': 'Vaggeryd',
  '0680': 'Jönköping',
  '0682': 'Nässjö',
  '0683': 'Värnamo',
  '0684': 'Sävsjö',
  '0685': 'Vetlanda',
  '0686': 'Eksjö',
  '0687': 'Tranås',
};

const KOMMUN_CODE = /^\d{4}$/;

/** True for four digits whose first two are a län code. Does not require a known kommun. */
export function isKommunCode(code: string): boolean {
  return KOMMUN_CODE.test(code) && code.slice(0, 2) in LAN;
}

/** The län code of a kommun code (`'0127'` → `'01'`), or undefined if it is not one. */
export function lanOf(code: string): string | undefined {
  return isKommunCode(code) ? code.slice(0, 2) : undefined;
}

/** The name of a known kommun, or undefined. */
export function kommunName(code: string): string | undefined {
  return KOMMUNER[code];
}

/** The known kommun codes of one län, in code order. */
export function kommunerIn(lan: string): string[] {
  return Object.keys(KOMMUNER)
    .filter((code) => code.startsWith(lan))
    .sort();
}

/** A kommun's name as compared: lower case, hyphens and spacing alike (`Upplands-Väsby` = `Upplands Väsby`). */
function nameKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv').replace(/[\s\-\u2010-\u2013]+/g, ' ').trim();
}

const BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(KOMMUNER).map(([code, name]) => [nameKey(name), code] as const));

/**
 * The code of a known kommun written by name (`Botkyrka`, `botkyrka kommun`), by its own official
 * name with the genitive before *kommun* or *stad* (`Stockholms stad`, `Jönköpings kommun`,
 * `Vaxholms stad`), or as code and name (`0127 Botkyrka`), or undefined. Hyphens and spaces
 * count alike (`Upplands-Väsby`).
 */
export function kommunCodeOf(text: string): string | undefined {
  const t = nameKey(text);
  const withCode = /^(\d{4}) ?(.+)$/.exec(t);
  if (withCode) return byName(withCode[2] as string) === withCode[1] ? withCode[1] : undefined;
  return byName(t);
}

function byName(t: string): string | undefined {
  const suffixed = /^(.+) (?:kommun|stad)$/.exec(t);
  if (!suffixed) return BY_NAME.get(t);
  const name = suffixed[1] as string;
  // The genitive s of the official name ("Stockholms stad"), only where the name itself is unknown
  // ("Västerås stad" is Västerås).
  return BY_NAME.get(name) ?? (name.endsWith('s') ? BY_NAME.get(name.slice(0, -1)) : undefined);
}

/** The län whose kommuner {@link KOMMUNER} lists completely. */
const COMPLETE_LAN: ReadonlySet<string> = new Set(['01', '06']);

/**
 * True when `code` is a kommun code that may exist: listed in {@link KOMMUNER}, or of a län this
 * list does not hold completely. False for codes of a complete län that are not in it (`0199`).
 */
export function isKnownKommun(code: string): boolean {
  if (!isKommunCode(code)) return false;
  return code in KOMMUNER || !COMPLETE_LAN.has(code.slice(0, 2));
}
