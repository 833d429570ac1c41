// Crisis help page, reachable from every page: emergency numbers and helplines for the
// person's country from GET /safety/resources (any country can be chosen here), all as
// tappable links; the safety plan and screener for someone signed in. When the list
// cannot be loaded, the last one kept on the device is shown, or the built-in numbers.
// Safe-messaging wording: plain, hopeful, no method talk.
import { useMemo, useState } from 'preact/hooks';
import { SelectField } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { ResourceList } from '../components/ResourceItem';
import { FindAHelpline, StaticEmergency, StaticHelplines } from '../components/StaticHelplines';
import { Status } from '../components/Status';
import { countryOptions } from '../countries';
import { t } from '../i18n';
import { useUser } from '../session';
import { savedResources, useResources } from '../safety/useResources';
import type { Resource, ResourceKind } from '../types';

function ServerHelplines({ resources }: { resources: Resource[] }) {
  const of = (...kinds: ResourceKind[]) => resources.filter((r) => kinds.includes(r.kind));
  const hasDirectory = resources.some((r) => r.url?.includes('findahelpline.com'));
  // The international list has no number of its own: show the ones we know.
  const numbers = of('emergency').filter((r) => r.phone);
  return (
    <>
      <section aria-labelledby="h-emergency" class="card urgent">
        <h2 id="h-emergency">{t('help.emergencyTitle')}</h2>
        <p>{t('help.emergency')}</p>
        {numbers.length ? <ResourceList resources={numbers} primary class="emergency" /> : <StaticEmergency country={null} />}
      </section>
      <section aria-labelledby="h-lines">
        <h2 id="h-lines">{t('help.linesTitle')}</h2>
        <ResourceList resources={of('crisis', 'text', 'directory')} />
        {!hasDirectory && (
          <ul class="helplines">
            <FindAHelpline />
          </ul>
        )}
      </section>
      {of('abuse').length > 0 && (
        <section aria-labelledby="h-abuse">
          <h2 id="h-abuse">{t('safety.card.abuseTitle')}</h2>
          <ResourceList resources={of('abuse')} />
        </section>
      )}
      {of('helping_others').length > 0 && (
        <section aria-labelledby="h-others">
          <h2 id="h-others">{t('safety.card.othersTitle')}</h2>
          <ResourceList resources={of('helping_others')} />
        </section>
      )}
    </>
  );
}

export function Help() {
  const user = useUser();
  /** undefined: follow the person's saved country. */
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const country = chosen !== undefined ? chosen : (user?.country ?? null);
  const state = useResources(country, chosen === undefined && user === undefined);
  const options = useMemo(countryOptions, []);
  // While loading, numbers are on screen at once: the list kept from last time, or ours.
  const shown =
    state.status === 'live' || state.status === 'saved' ? state.resources : state.status === 'loading' ? savedResources(country) : null;

  return (
    <Page title={t('help.title')}>
      <p class="lead">{t('help.intro')}</p>
      <div class="narrow">
        <SelectField
          id="help-country"
          label={t('safety.help.country')}
          value={country ?? ''}
          hint={user ? t('safety.help.countryHint') : undefined}
          onChange={(e) => setChosen((e.target as HTMLSelectElement).value || null)}
        >
          <option value="">{t('safety.help.countryNone')}</option>
          {options.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      <Status>{state.status === 'loading' ? t('safety.help.loading') : null}</Status>
      {state.status === 'saved' && <p class="notice">{t('safety.help.saved')}</p>}
      {state.status === 'fallback' && <p class="notice">{t('safety.help.fallback')}</p>}
      {shown ? <ServerHelplines resources={shown} /> : <StaticHelplines country={country} />}
      {user && (
        <section aria-labelledby="h-plan">
          <h2 id="h-plan">{t('safety.help.planTitle')}</h2>
          <p>{t('safety.help.plan')}</p>
          <p>
            <Link href="/safety-plan">{t('safety.link.plan')}</Link>
          </p>
          <p>
            {t('safety.help.screener')} <Link href="/screener">{t('safety.link.screener')}</Link>
          </p>
        </section>
      )}
      <p>{t('help.after')}</p>
      <p>
        <Link href={user ? '/today' : '/'}>{t('help.back')}</Link>
      </p>
    </Page>
  );
}
