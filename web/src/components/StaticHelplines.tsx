// The crisis numbers built into the app: emergency numbers and the main helplines of a few
// countries, with findahelpline.com for everywhere else. The help page shows these only
// when the server's list (GET /safety/resources) cannot be loaded. Only numbers we are
// sure of are listed here; the person's own country comes first.
import { Fragment } from 'preact';
import { t, type MessageKey } from '../i18n';

interface Line {
  countries: string[];
  key: MessageKey;
  call?: string;
  text?: string;
}

const LINES: Line[] = [
  { countries: ['US'], key: 'help.us', call: '988', text: '988' },
  { countries: ['GB', 'IE'], key: 'help.uk', call: '116123' },
  { countries: ['CA'], key: 'help.ca', call: '988', text: '988' },
  { countries: ['AU'], key: 'help.au', call: '131114' },
];

const EU = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');

const EMERGENCY: { countries: string[]; key: MessageKey; numbers: string[] }[] = [
  { countries: ['US', 'CA'], key: 'help.em.us', numbers: ['911'] },
  { countries: ['GB', 'IE'], key: 'help.em.uk', numbers: ['999', '112'] },
  { countries: ['AU'], key: 'help.em.au', numbers: ['000'] },
  { countries: EU, key: 'help.em.eu', numbers: ['112'] },
];

const SHOWN: Record<string, string> = { '988': '988', '116123': '116 123', '131114': '13 11 14' };

/** The person's own country's items first, in their listed order otherwise. */
function ownFirst<T extends { countries: string[] }>(items: T[], country: string | null): T[] {
  if (!country) return items;
  return [...items.filter((i) => i.countries.includes(country)), ...items.filter((i) => !i.countries.includes(country))];
}

export function FindAHelpline() {
  return (
    <li class="findahelpline">
      <p>
        {t('help.elsewhere')}{' '}
        <a href="https://findahelpline.com" rel="noopener noreferrer" target="_blank">
          findahelpline.com
        </a>
        .
      </p>
    </li>
  );
}

/** The built-in emergency numbers of a few countries and regions, own country first
 * (also shown when the server's list has no number, i.e. its international fallback). */
export function StaticEmergency({ country }: { country: string | null }) {
  const mine = (countries: string[]) => !!country && countries.includes(country);
  return (
    <ul class="helplines emergency">
      {ownFirst(EMERGENCY, country).map((e) => (
        <li key={e.key}>
          <p>
            {mine(e.countries) && <strong class="badge">{t('help.yourCountry')}</strong>} {t(e.key)}
          </p>
          <p class="actions">
            {e.numbers.map((n) => (
              <a key={n} class="button" href={`tel:${n}`}>
                {t('help.call', { number: n })}
              </a>
            ))}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The emergency numbers and helplines built into the app, for when the server's list
 * cannot be loaded (offline, or the server is unavailable). */
export function StaticHelplines({ country }: { country: string | null }) {
  const lines = ownFirst(LINES, country);
  const listed = !!country && LINES.some((l) => l.countries.includes(country));
  const mine = (countries: string[]) => !!country && countries.includes(country);
  return (
    <>
      <section aria-labelledby="h-emergency" class="card urgent">
        <h2 id="h-emergency">{t('help.emergencyTitle')}</h2>
        <p>{t('help.emergency')}</p>
        <StaticEmergency country={country} />
      </section>
      <section aria-labelledby="h-lines">
        <h2 id="h-lines">{t('help.linesTitle')}</h2>
        <ul class="helplines">
          {!listed && <FindAHelpline />}
          {lines.map((l, i) => (
            <Fragment key={l.key}>
              <li>
                <p>
                  {mine(l.countries) && <strong class="badge">{t('help.yourCountry')}</strong>} {t(l.key)}
                </p>
                <p class="actions">
                  {l.call && (
                    <a class="button" href={`tel:${l.call}`}>
                      {t('help.call', { number: SHOWN[l.call] })}
                    </a>
                  )}
                  {l.text && (
                    <a class="button" href={`sms:${l.text}`}>
                      {t('help.text', { number: SHOWN[l.text] })}
                    </a>
                  )}
                </p>
              </li>
              {listed && i === 0 && <FindAHelpline />}
            </Fragment>
          ))}
        </ul>
      </section>
    </>
  );
}
