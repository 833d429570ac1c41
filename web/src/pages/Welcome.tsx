// Welcome page: what Interlude is and is not, and the ways in (anonymous, sign up, sign in).
import { useState } from 'preact/hooks';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { Status } from '../components/Status';
import { takeFlash } from '../flash';
import { t } from '../i18n';

export function Welcome() {
  const [flash] = useState(takeFlash);
  return (
    <Page title={t('app.name')} heading={t('welcome.title')}>
      <Status>{flash}</Status>
      <p class="lead">{t('welcome.intro')}</p>
      <section aria-labelledby="w-start" class="card">
        <h2 id="w-start">{t('welcome.startTitle')}</h2>
        <p>
          <Link class="button primary" href="/start">
            {t('welcome.start')}
          </Link>
        </p>
        <p class="hint">{t('welcome.startHint')}</p>
        <p class="actions">
          <Link class="button" href="/signup">
            {t('welcome.signup')}
          </Link>
          <Link class="button" href="/signin">
            {t('welcome.signin')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="w-is">
        <h2 id="w-is">{t('welcome.isTitle')}</h2>
        <ul>
          <li>{t('welcome.is1')}</li>
          <li>{t('welcome.is2')}</li>
          <li>{t('welcome.is3')}</li>
          <li>{t('welcome.privacy')}</li>
        </ul>
      </section>
      <section aria-labelledby="w-not">
        <h2 id="w-not">{t('welcome.notTitle')}</h2>
        <ul>
          <li>{t('welcome.not1')}</li>
          <li>
            {t('welcome.not2')} <Link href="/help">{t('welcome.helpLink')}</Link>
          </li>
        </ul>
      </section>
    </Page>
  );
}
