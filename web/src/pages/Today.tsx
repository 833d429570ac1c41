// Today: the quick mood check-in and a quick "write" box.
import { CheckInForm } from '../components/CheckInForm';
import { Page } from '../components/Page';
import { QuickWrite } from '../components/QuickWrite';
import { formatLongDate } from '../format';
import { t } from '../i18n';
import type { User } from '../types';

export function Today({ user }: { user: User }) {
  return (
    <Page title={t('today.title')}>
      <p class="lead">
        {formatLongDate(new Date())}. {t('today.greeting', { name: user.handle })}
      </p>
      <section aria-labelledby="checkin-title" class="card">
        <h2 id="checkin-title">{t('today.checkinTitle')}</h2>
        <p class="hint">{t('today.checkinIntro')}</p>
        <CheckInForm />
      </section>
      <section aria-labelledby="write-title" class="card">
        <h2 id="write-title">{t('today.writeTitle')}</h2>
        <QuickWrite user={user} />
      </section>
    </Page>
  );
}
