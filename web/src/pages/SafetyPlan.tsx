// The person's Stanley–Brown safety plan (../shared/CLINICAL.md §12.3): six steps and
// reasons for living, each a list they can add to and remove from, saved with PUT
// /safety-plan. Print gives just the plan (a print-only copy, styled in app.css).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { PlanList } from '../components/PlanList';
import { ErrorText, Status } from '../components/Status';
import { formatDateTime } from '../format';
import { t, type MessageKey } from '../i18n';
import { savedResources, useResources } from '../safety/useResources';
import { PLAN_STEPS, type PlanStep, type Resource, type SafetyPlan as Plan, type User } from '../types';

type ListId = PlanStep | 'reasons';

const emptyPlan = (): Plan => ({
  steps: Object.fromEntries(PLAN_STEPS.map((s) => [s, []])) as unknown as Plan['steps'],
  reasons_for_living: [],
  updated_at: null,
});

const key = (list: ListId, part: 'title' | 'hint' | 'item' | 'add') => `safety.plan.${list}.${part}` as MessageKey;
const clean = (items: string[]) => items.map((s) => s.trim()).filter(Boolean);

/** Which list a server error's field names ("steps.warning_signs", "reasons_for_living"). */
function listOfField(field?: string): ListId | null {
  if (!field) return null;
  if (field.startsWith('reasons_for_living')) return 'reasons';
  const m = /^steps\.([a-z_]+)/.exec(field);
  return m && (PLAN_STEPS as readonly string[]).includes(m[1]) ? (m[1] as PlanStep) : null;
}

/** The crisis numbers for the person's country (the same list the help page uses), for
 * the printed plan, which has no links to follow. */
function PrintHelplines({ country }: { country: string | null }) {
  const state = useResources(country);
  const all = state.status === 'live' || state.status === 'saved' ? state.resources : (savedResources(country) ?? []);
  const lines = all.filter((r: Resource) => ['emergency', 'crisis', 'text'].includes(r.kind) && (r.phone || r.sms));
  if (!lines.length) return null;
  return (
    <section class="plan-helplines">
      <h2>{t('safety.plan.helplinesTitle')}</h2>
      <p>{t('safety.plan.helplinesIntro')}</p>
      <ul>
        {lines.map((r, j) => (
          <li key={j}>
            {r.name}
            {r.phone && `: ${r.phone}`}
            {r.sms && ` · ${r.sms_keyword ? t('safety.textKeyword', { keyword: r.sms_keyword, number: r.sms }) : t('safety.text', { number: r.sms })}`}
            {r.hours && ` · ${r.hours}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PrintCopy({ plan, country }: { plan: Plan; country: string | null }) {
  const lists: [ListId, string[]][] = [...PLAN_STEPS.map((s): [ListId, string[]] => [s, plan.steps[s]]), ['reasons', plan.reasons_for_living]];
  return (
    <div class="plan-print">
      {lists.map(([id, items], i) => (
        <section key={id}>
          <h2>
            {id !== 'reasons' && `${t('safety.plan.stepNumber', { n: i + 1 })} · `}
            {t(key(id, 'title'))}
          </h2>
          {clean(items).length ? (
            <ul>
              {clean(items).map((x, j) => (
                <li key={j}>{x}</li>
              ))}
            </ul>
          ) : (
            // Blank lines to write on by hand.
            <div class="blank-lines">
              <span />
              <span />
              <span />
            </div>
          )}
        </section>
      ))}
      <PrintHelplines country={country} />
      <p>{t('safety.plan.urgent')}</p>
    </div>
  );
}

export function SafetyPlan({ user }: { user: User }) {
  const [plan, setPlan] = useState<Plan>(emptyPlan);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<ListId | 'form', string>>>({});

  const load = () => {
    setLoading(true);
    setLoadError(null);
    api.getSafetyPlan().then(
      (r) => {
        setPlan(r.plan);
        setLoading(false);
      },
      (e) => {
        setLoadError(errorMessage(e));
        setLoading(false);
      },
    );
  };
  useEffect(load, [user.id]);

  const setList = (id: ListId, items: string[]) => {
    setStatus(null);
    setPlan((p) => (id === 'reasons' ? { ...p, reasons_for_living: items } : { ...p, steps: { ...p.steps, [id]: items } }));
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setStatus(null);
    // Never cut: take the person to the first line that is too long.
    const over = document.querySelector<HTMLTextAreaElement>('.plan-step textarea[aria-invalid="true"]');
    if (over) {
      over.focus();
      return;
    }
    const steps = Object.fromEntries(PLAN_STEPS.map((s) => [s, clean(plan.steps[s] ?? [])])) as Plan['steps'];
    setBusy(true);
    setStatus(t('safety.plan.saving'));
    try {
      const r = await api.putSafetyPlan({ steps, reasons_for_living: clean(plan.reasons_for_living) });
      setPlan(r.plan);
      setStatus(t('safety.plan.saved'));
    } catch (err) {
      setStatus(null);
      const list = err instanceof ApiError ? listOfField(err.field) : null;
      setErrors(list ? { [list]: errorMessage(err) } : { form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const lists: ListId[] = [...PLAN_STEPS, 'reasons'];
  return (
    <Page title={t('safety.plan.title')}>
      <div class="plan-edit">
        <p class="lead">{t('safety.plan.intro')}</p>
        <p class="hint">{t('safety.plan.share')}</p>
        <p class="notice">
          {t('safety.plan.urgent')} <Link href="/help">{t('safety.link.help')}</Link>
        </p>
        <Status>{loading ? t('safety.plan.loading') : null}</Status>
        {loadError && (
          <div class="notice">
            <ErrorText>{loadError}</ErrorText>
            <button type="button" class="button small" onClick={load}>
              {t('safety.plan.retry')}
            </button>
          </div>
        )}
        {!loading && !loadError && (
          <form onSubmit={save} noValidate class="plan-form">
            {plan.updated_at && <p class="meta">{t('safety.plan.updated', { date: formatDateTime(plan.updated_at) })}</p>}
            {lists.map((id, i) => (
              <PlanList
                key={id}
                id={`plan-${id}`}
                title={t(key(id, 'title'))}
                hint={t(key(id, 'hint'))}
                itemLabel={(n) => t(key(id, 'item'), { n })}
                addLabel={t(key(id, 'add'))}
                step={id === 'reasons' ? undefined : t('safety.plan.stepNumber', { n: i + 1 })}
                items={id === 'reasons' ? plan.reasons_for_living : (plan.steps[id] ?? [])}
                error={errors[id]}
                onChange={(items) => setList(id, items)}
              />
            ))}
            <ErrorText>{errors.form}</ErrorText>
            <div class="actions">
              <button type="submit" class="button primary" disabled={busy}>
                {t('safety.plan.save')}
              </button>
              <button type="button" class="button" onClick={() => window.print()}>
                {t('safety.plan.print')}
              </button>
            </div>
            <Status>{status}</Status>
          </form>
        )}
      </div>
      {!loading && !loadError && <PrintCopy plan={plan} country={user.country ?? null} />}
    </Page>
  );
}
