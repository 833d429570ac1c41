// ISO 3166-1 alpha-2 country codes for the country setting; names come from
// Intl.DisplayNames in the active locale, so nothing here needs translating.
import { currentLocale } from './i18n';

const CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

/** [code, name] pairs sorted by name in the active locale. */
export function countryOptions(): [string, string][] {
  const loc = currentLocale();
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([loc], { type: 'region' });
  } catch {
    names = null;
  }
  const collator = new Intl.Collator(loc);
  return CODES.split(' ')
    .map((c): [string, string] => [c, names?.of(c) ?? c])
    .sort((a, b) => collator.compare(a[1], b[1]));
}

/** The region named in the browser's preferred languages (e.g. 'en-GB' -> 'GB') if it is
 * one of the listed countries, else ''. Only a starting guess for the country setting. */
export function browserCountry(): string {
  const codes = new Set(CODES.split(' '));
  const langs = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const code = /[-_]([A-Za-z]{2})(?:[-_]|$)/.exec(lang ?? '')?.[1]?.toUpperCase();
    if (code && codes.has(code)) return code;
  }
  return '';
}
