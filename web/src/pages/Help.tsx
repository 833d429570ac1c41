// Crisis help page, reachable from every page: emergency services and helplines.
// Safe-messaging wording: plain, hopeful, no method talk; numbers are tappable links.
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { t, type MessageKey } from '../i18n';
import { useUser } from '../session';

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

const SHOWN: Record<string, string> = { '988': '988', '116123': '116 123', '131114': '13 11 14' };

export function Help() {
  const user = useUser();
  const country = user?.country ?? null;
  // The person's own country first, if we know it.
  const lines = [...LINES].sort((a, b) => Number(b.countries.includes(country ?? '')) - Number(a.countries.includes(country ?? '')));
  return (
    <Page title={t('help.title')}>
      <p class="lead">{t('help.intro')}</p>
      <section aria-labelledby="h-emergency" class="card urgent">
        <h2 id="h-emergency">{t('help.emergencyTitle')}</h2>
        <p>{t('help.emergency')}</p>
      </section>
      <section aria-labelledby="h-lines">
        <h2 id="h-lines">{t('help.linesTitle')}</h2>
        <ul class="helplines">
          {lines.map((l) => (
            <li key={l.key}>
              <p>
                {country && l.countries.includes(country) && <strong class="badge">{t('help.yourCountry')}</strong>} {t(l.key)}
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
          ))}
          <li>
            <p>
              {t('help.elsewhere')}{' '}
              <a href="https://findahelpline.com" rel="noopener noreferrer" target="_blank">
                findahelpline.com
              </a>
              .
            </p>
          </li>
        </ul>
      </section>
      <p>{t('help.after')}</p>
      <p>
        <Link href={user ? '/today' : '/'}>{t('help.back')}</Link>
      </p>
    </Page>
  );
}
