// The screener: a short intro, then one yes/no question at a time (skip rule in
// safety/screener.ts) with Back, then POST /screenings and the result — the safety card,
// or, when nothing was found, a thank-you line and the safety plan.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { SafetyCard } from '../components/SafetyCard';
import { ErrorText, Status } from '../components/Status';
import { t } from '../i18n';
import { keptAnswers, nextId } from '../safety/screener';
import type { Safety, ScreenerAnswers, ScreenerQuestion } from '../types';

type Stage = 'intro' | 'asking' | 'sending' | 'done';

export function Screener() {
  const [questions, setQuestions] = useState<ScreenerQuestion[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>('intro');
  const [answers, setAnswers] = useState<ScreenerAnswers>({});
  /** Question ids in the order they were answered, for Back. */
  const [order, setOrder] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Safety | null>(null);
  const focusRef = useRef<HTMLHeadingElement>(null);

  const load = () => {
    setLoadError(null);
    api.screenerQuestions().then(
      (r) => setQuestions(r.questions),
      (e) => setLoadError(errorMessage(e)),
    );
  };
  useEffect(load, []);

  const offered = questions?.map((q) => q.id) ?? [];
  const currentId = stage === 'asking' ? nextId(answers, offered) : null;
  const current = questions?.find((q) => q.id === currentId) ?? null;

  // Each new question (and the thank-you) takes focus, so keyboard and screen-reader users follow.
  useEffect(() => {
    if (stage === 'asking' || (stage === 'done' && result?.tier === 'none')) {
      requestAnimationFrame(() => focusRef.current?.focus());
    }
  }, [stage, currentId]);

  const submit = async (all: ScreenerAnswers) => {
    setStage('sending');
    setError(null);
    try {
      const r = await api.createScreening(keptAnswers(all));
      setResult(r.safety);
      setStage('done');
    } catch (e) {
      setError(errorMessage(e));
      setStage('asking');
    }
  };

  const answer = (yes: boolean) => {
    if (!currentId) return;
    const next = { ...answers, [currentId]: yes };
    setAnswers(next);
    setOrder([...order, currentId]);
    if (nextId(next, offered) === null) void submit(next);
  };

  const back = () => {
    setError(null);
    if (order.length === 0) {
      setStage('intro');
      return;
    }
    const last = order[order.length - 1];
    const next = { ...answers };
    delete next[last];
    setAnswers(next);
    setOrder(order.slice(0, -1));
  };

  return (
    <Page title={t('safety.screener.title')}>
      <p class="lead">{t('safety.screener.intro')}</p>
      <p>{t('safety.screener.about')}</p>
      {loadError && (
        <div class="notice">
          <ErrorText>{loadError}</ErrorText>
          <button type="button" class="button small" onClick={load}>
            {t('safety.screener.retry')}
          </button>
        </div>
      )}
      {stage === 'intro' && (
        <p>
          <button type="button" class="button primary" disabled={!questions} onClick={() => setStage('asking')}>
            {t('safety.screener.start')}
          </button>
        </p>
      )}
      <Status>{stage === 'sending' ? t('safety.screener.sending') : !questions && !loadError ? t('safety.screener.loading') : null}</Status>
      {stage === 'asking' && (
        <section class="card screener-q" aria-labelledby="sq-text">
          <p class="meta">{t('safety.screener.progress', { n: order.length + 1 })}</p>
          {current ? (
            <>
              <h2 id="sq-text" tabIndex={-1} ref={focusRef}>
                {current.text}
              </h2>
              <div class="actions">
                <button type="button" class="button primary" onClick={() => answer(true)}>
                  {t('safety.screener.yes')}
                </button>
                <button type="button" class="button primary" onClick={() => answer(false)}>
                  {t('safety.screener.no')}
                </button>
              </div>
            </>
          ) : (
            // Every question answered but the send failed: offer to send again.
            <div class="actions">
              <h2 id="sq-text" tabIndex={-1} ref={focusRef} class="visually-hidden">
                {t('safety.screener.title')}
              </h2>
              <button type="button" class="button primary" onClick={() => void submit(answers)}>
                {t('safety.screener.retry')}
              </button>
            </div>
          )}
          <ErrorText>{error}</ErrorText>
          <p>
            <button type="button" class="button small" onClick={back}>
              {t('safety.screener.back')}
            </button>
          </p>
        </section>
      )}
      <SafetyCard safety={result} written={false} />
      {stage === 'done' && result?.tier === 'none' && (
        <section class="card" aria-labelledby="sq-done">
          <h2 id="sq-done" tabIndex={-1} ref={focusRef}>
            {t('safety.screener.doneTitle')}
          </h2>
          <p>{t('safety.screener.thanks')}</p>
          <p>
            <Link href="/safety-plan">{t('safety.link.plan')}</Link>
          </p>
        </section>
      )}
    </Page>
  );
}
