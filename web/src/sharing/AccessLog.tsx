// "Who looked at my data" (GET /me/access-log): when, who (handle and role) and what, in
// words; newest first. The list is the server's append-only record; nothing here edits it.
import './sharing.css';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime } from '../format';
import { en } from '../i18n/en';
import { t, type MessageKey } from '../i18n';
import { sharingApi } from './api';
import type { Access } from './types';

function known(key: string): key is MessageKey {
  return key in en;
}

/** What was looked at, in words ("journal entries you shared"). */
export function categoryText(category: string): string {
  const key = `sharing.cat.${category}`;
  return known(key) ? t(key) : t('sharing.cat.other', { category: category.replace(/_/g, ' ') });
}

function whoText(a: Access): string {
  const role = known(`sharing.role.${a.who.role}`) ? t(`sharing.role.${a.who.role}` as MessageKey) : t('sharing.role.other');
  return t('sharing.accessWho', { handle: a.who.handle, role });
}

function lineText(a: Access): string {
  const special = `sharing.access.${a.category}.${a.action}`;
  if (known(special)) return t(special, { who: whoText(a) });
  const what = categoryText(a.category);
  if (!a.action || a.action === 'read') return t('sharing.accessLine', { who: whoText(a), what });
  const action = known(`sharing.action.${a.action}`) ? t(`sharing.action.${a.action}` as MessageKey) : t('sharing.action.other');
  return t('sharing.accessLineAction', { who: whoText(a), action, what });
}

export function AccessLog() {
  const [items, setItems] = useState<Access[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    sharingApi.accessLog(100).then(setItems, (e) => setError(errorMessage(e)));
  }, []);
  return (
    <div class="stack">
      <p>{t('sharing.accessIntro')}</p>
      {items !== null && items.length === 0 && <p>{t('sharing.accessEmpty')}</p>}
      {items !== null && items.length > 0 && (
        <ul class="access-list">
          {items.map((a, i) => (
            <li key={`${a.at}-${i}`} class="access-item">
              <p>{lineText(a)}</p>
              <p class="meta">
                <time dateTime={a.at}>{formatDateTime(a.at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <ErrorText>{error}</ErrorText>
      <Status>{items === null && !error ? t('sharing.accessLoading') : items && items.length ? t('sharing.accessCount', { count: items.length }) : null}</Status>
    </div>
  );
}
