// The safety card shown when a write (entry, check-in note) or the screener carries a
// safety response (docs/api.md "Safety"). High: the emergency number and crisis lines
// first, with one-tap call and text, then the server's message, hopeful words and the
// safety plan. Moderate: the message, the lines, the screener and safety plan. Low: a
// gentle line and the help page. Abuse and worry-for-someone-else resources get their own
// headings. Reason codes are never shown. The card sits in a polite live region that is
// always rendered, and takes keyboard focus when it appears, so it is both heard and reached.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import type { Resource, ResourceKind, Safety } from '../types';
import { Link } from './Link';
import { ResourceList } from './ResourceItem';

const SELF_ACTIONS = ['crisis_lines', 'safety_plan', 'screener', 'check_in'];

function titleKey(s: Safety): MessageKey {
  const self = s.actions.some((a) => SELF_ACTIONS.includes(a));
  if (!self && s.tier !== 'high') return 'safety.card.otherTitle';
  if (s.tier === 'high') return 'safety.card.highTitle';
  if (s.tier === 'moderate') return 'safety.card.moderateTitle';
  return 'safety.card.lowTitle';
}

function EmergencyBlock({ resources, id }: { resources: Resource[]; id: string }) {
  const em = resources.find((r) => r.kind === 'emergency');
  return (
    <div class="safety-emergency" role="group" aria-labelledby={id}>
      <h3 id={id}>{t('safety.card.emergencyTitle')}</h3>
      {em?.phone ? (
        <>
          <p>{t('safety.card.emergency', { number: em.phone })}</p>
          <ResourceList resources={[em]} primary />
        </>
      ) : (
        <p>{t('safety.card.emergencyLocal')}</p>
      )}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: MessageKey; children: ComponentChildren }) {
  return (
    <div class="safety-section" role="group" aria-labelledby={id}>
      <h3 id={id}>{t(title)}</h3>
      {children}
    </div>
  );
}

/** Renders the live region always; the card inside it only for a tier above none.
 * `written` adds a line saying the person's words are saved (after an entry or check-in).
 * `autoFocus` (default true) moves focus to the card when it appears; false for a card
 * shown again from history (an earlier companion conversation opened later). */
export function SafetyCard({ safety, written = true, autoFocus = true }: { safety: Safety | null; written?: boolean; autoFocus?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const id = useId();
  const show = !!safety && safety.tier !== 'none';

  useEffect(() => {
    if (!show || !autoFocus) return;
    const frame = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [safety]);

  if (!show) return <div class="safety-slot" aria-live="polite" />;
  const s = safety!;
  const of = (...kinds: ResourceKind[]) => s.resources.filter((r) => kinds.includes(r.kind));
  const has = (a: string) => s.actions.includes(a as never);
  const high = s.tier === 'high';
  const lines = of('crisis', 'text');
  const showLines = lines.length > 0 && (has('crisis_lines') || high);
  // Hopeful words about the person's own feelings, not for abuse or worry about others alone.
  const hope = (high || s.tier === 'moderate') && s.actions.some((a) => SELF_ACTIONS.includes(a));

  return (
    <div class="safety-slot" aria-live="polite">
      <section ref={ref} tabIndex={-1} class={`card safety-card tier-${s.tier}`} aria-labelledby={`${id}-t`} data-testid="safety-card">
        <h2 id={`${id}-t`}>{t(titleKey(s))}</h2>
        {!high && s.message && <p class="lead">{s.message}</p>}
        {has('call_emergency') && <EmergencyBlock resources={s.resources} id={`${id}-em`} />}
        {showLines && (
          <Section id={`${id}-lines`} title="safety.card.linesTitle">
            <p class="hint">{t('safety.card.linesIntro')}</p>
            <ResourceList resources={lines} />
          </Section>
        )}
        {high && s.message && <p class="lead">{s.message}</p>}
        {hope && <p>{t('safety.card.hope')}</p>}
        {!showLines && lines.length > 0 && (
          <details class="more">
            <summary>{t('safety.card.lowMore')}</summary>
            <ResourceList resources={lines} />
          </details>
        )}
        {has('abuse_support') && of('abuse').length > 0 && (
          <Section id={`${id}-abuse`} title="safety.card.abuseTitle">
            <ResourceList resources={of('abuse')} />
          </Section>
        )}
        {has('helping_others') && of('helping_others').length > 0 && (
          <Section id={`${id}-others`} title="safety.card.othersTitle">
            <ResourceList resources={of('helping_others')} />
          </Section>
        )}
        {of('directory').length > 0 && (
          <Section id={`${id}-dir`} title="safety.card.directoryTitle">
            <ResourceList resources={of('directory')} />
          </Section>
        )}
        {s.clinician_alerted && <p class="notice">{t('safety.card.clinician')}</p>}
        <h3>{t('safety.card.nextTitle')}</h3>
        <ul class="safety-next">
          {has('safety_plan') && (
            <li>
              <Link href="/safety-plan">{t('safety.link.plan')}</Link>
            </li>
          )}
          {has('screener') && (
            <li>
              <Link href="/screener">{t('safety.link.screener')}</Link>
            </li>
          )}
          <li>
            <Link href="/help">{t('safety.link.help')}</Link>
          </li>
          {!high && (
            <li>
              <Link href="/exercises">{t('safety.link.exercises')}</Link>
            </li>
          )}
          {!s.country && (
            <li>
              <Link href="/settings">{t('safety.link.country')}</Link>
            </li>
          )}
        </ul>
        <p class="meta">
          {written && t('safety.card.saved')} {t('safety.card.automated')}
        </p>
      </section>
    </div>
  );
}
