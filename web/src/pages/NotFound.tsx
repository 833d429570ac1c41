// Shown for any path the app does not know.
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { t } from '../i18n';

export function NotFound() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
