// The Settings card "Your clinician": who the person is linked with and a way to the
// sharing page (/sharing), where links are made, changed and stopped, and to the homework page.
import { Link } from '../components/Link';
import { formatList } from '../format';
import { t } from '../i18n';
import type { User } from '../types';
import { useLinks } from './links';

export function SettingsSharing({ user }: { user: User }) {
  const { links } = useLinks(user.id, user.role);
  return (
    <div class="stack">
      {links !== null && (
        <p>
          {links.length === 0
            ? t('sharing.settingsNone')
            : t('sharing.settingsLinked', { count: links.length, list: formatList(links.map((l) => l.clinician.handle)) })}
        </p>
      )}
      <ul class="link-list">
        <li>
          <Link href="/sharing">{t('sharing.settingsManage')}</Link>
        </li>
        {links !== null && links.length > 0 && (
          <li>
            <Link href="/homework">{t('sharing.settingsHomework')}</Link>
          </li>
        )}
      </ul>
    </div>
  );
}
