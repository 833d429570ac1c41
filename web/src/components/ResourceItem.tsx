// One crisis or support line as a list item: its name, hours and note, and one-tap Call
// and Text buttons (tel:/sms:) plus its website. Used by the safety card and the help page.
import { t } from '../i18n';
import { hostOf, smsHref, telHref } from '../safety/links';
import type { Resource } from '../types';

export function ResourceItem({ resource: r, primary = false }: { resource: Resource; primary?: boolean }) {
  const hasActions = r.phone || r.sms || r.url;
  return (
    <li class="resource">
      <p class="resource-name">
        <strong>{r.name}</strong>
        {r.hours && <span class="meta"> · {t('safety.hours', { hours: r.hours })}</span>}
      </p>
      {r.note && <p class="hint">{r.note}</p>}
      {hasActions && (
        <p class="actions">
          {r.phone && (
            <a class={primary ? 'button primary' : 'button'} href={telHref(r.phone)}>
              {t('safety.call', { number: r.phone })}
            </a>
          )}
          {r.sms && (
            <a class="button" href={smsHref(r.sms, r.sms_keyword)}>
              {r.sms_keyword ? t('safety.textKeyword', { keyword: r.sms_keyword, number: r.sms }) : t('safety.text', { number: r.sms })}
            </a>
          )}
          {r.url && (
            <span class="resource-url">
              {t('safety.online')}{' '}
              <a href={r.url} rel="noopener noreferrer" target="_blank">
                {hostOf(r.url)}
              </a>
            </span>
          )}
        </p>
      )}
    </li>
  );
}

/** A list of resources, or nothing when there are none. */
export function ResourceList({ resources, primary = false, class: cls }: { resources: Resource[]; primary?: boolean; class?: string }) {
  if (resources.length === 0) return null;
  return (
    <ul class={`helplines resources ${cls ?? ''}`}>
      {resources.map((r, i) => (
        <ResourceItem key={`${r.kind}-${r.name}-${i}`} resource={r} primary={primary} />
      ))}
    </ul>
  );
}
