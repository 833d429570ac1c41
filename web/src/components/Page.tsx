// Page frame: sets document.title and renders the page's <h1>, which receives focus
// after client-side navigation so screen-reader users hear where they are.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

export function Page({ title, heading, children }: { title: string; heading?: ComponentChildren; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = title === t('app.name') ? title : `${title} · ${t('app.name')}`;
  }, [title]);
  return (
    <>
      <h1 tabIndex={-1} class="page-title">
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
