// One questionnaire (/questionnaires/:id): a short, calm introduction with the time frame,
// then one question at a time with large radio options, progress ("3 of 9") and Back; the
// PHQ-9's functional question comes last when it applies. Sending shows the result: the
// total, the band in words, the WHO-5 percentage, how it compares with last time (the
// server's own sentences), a follow-up offer (a positive two-item screen leads to the full
// questionnaire) and the safety card when the answers call for it (focus moves to it).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api';
import { asksFunctional, shortName, stepCount, useInstruments } from '../care/instruments';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { SafetyCard } from '../components/SafetyCard';
import { ErrorText, Status } from '../components/Status';
import { formatNumber } from '../format';
import { t, type MessageKey } from '../i18n';
import type { Assessment, Instrument, Safety } from '../types';

/** The line above each question: the server's time frame when it is a sentence; for a
 * time-frame code ("last_2_weeks") our own stem for the instrument (PHQ and GAD items are
 * problems "bothered by", WHO-5 items are statements "how much of the time"). */
export function timeFrameLine(inst: Pick<Instrument, 'id' | 'time_frame'>): string {
  const f = (inst.time_frame ?? '').trim();
  if (/^[a-z0-9_]+$/.test(f)) {
    const key = `care.stem.${inst.id}.${f}` as MessageKey;
    const s = t(key);
    return s === key ? t('care.stem.generic') : s;
  }
  if (!f) return '';
  if (/^[A-Z]/.test(f)) return /[.:?]$/.test(f) ? f : `${f}:`;
  return t('care.q.timeFrame', { frame: f });
}

function Result({ inst, assessment, safety }: { inst: Instrument; assessment: Assessment; safety: Safety | null }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const showCard = !!safety && safety.tier !== 'none';
  useEffect(() => {
    // The safety card takes focus itself when it is shown.
    if (!showCard) requestAnimationFrame(() => ref.current?.focus());
  }, []);
  const a = assessment;
  const outcome = typeof a.outcomes?.explanation === 'string' ? a.outcomes.explanation : null;
  return (
    <>
      <SafetyCard safety={safety} written={false} />
      <section class="card care-result" aria-labelledby="result-title" data-testid="care-result">
        <h2 id="result-title" tabIndex={-1} ref={ref}>
          {t('care.result.title')}
        </h2>
        <p class="score">
          <span class="score-num">{formatNumber(a.total)}</span> <span>{t('care.result.outOf', { max: a.max_total })}</span>
        </p>
        <p class="band-line" data-band={a.band.id}>
          {t('care.result.band', { band: a.band.label })}
        </p>
        {typeof a.percentage === 'number' && <p>{t('care.result.percentage', { pct: formatNumber(a.percentage, 0) })}</p>}
        {a.change ? <p>{a.change.explanation}</p> : <p>{t('care.result.first', { name: shortName(inst.id) })}</p>}
        {outcome && <p>{outcome}</p>}
        {a.follow_up && (
          <div class="notice follow-up">
            <p>{t('care.result.followUp', { name: shortName(a.follow_up) })}</p>
            <p>
              <Link href={`/questionnaires/${a.follow_up}`} class="button primary">
                {t('care.result.followUpLink', { name: shortName(a.follow_up) })}
              </Link>
            </p>
          </div>
        )}
        <p class="hint">{t('care.result.notDiagnosis')}</p>
        <ul class="care-links">
          <li>
            <Link href="/insights">{t('care.result.insights')}</Link>
          </li>
          <li>
            <Link href="/questionnaires">{t('care.result.all')}</Link>
          </li>
        </ul>
      </section>
    </>
  );
}

function Asking({ inst, onDone }: { inst: Instrument; onDone: (a: Assessment, s: Safety | null) => void }) {
  const [answers, setAnswers] = useState<(number | null)[]>(() => inst.items.map(() => null));
  const [functional, setFunctional] = useState<number | null>(null);
  const [step, setStep] = useState(0);
  const [missing, setMissing] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // Each new question takes focus (not the first, which the page heading introduces).
  useEffect(() => {
    if (!moved.current) return;
    requestAnimationFrame(() => heading.current?.focus());
  }, [step]);

  const total = stepCount(inst, answers);
  const onFunctional = step >= inst.items.length;
  const item = onFunctional ? inst.functional_item! : inst.items[step];
  const options = onFunctional ? inst.functional_item!.options : inst.options;
  const value = onFunctional ? functional : answers[step];
  const last = step === total - 1;

  const choose = (v: number) => {
    setMissing(false);
    if (onFunctional) setFunctional(v);
    else setAnswers(answers.map((a, i) => (i === step ? v : a)));
  };

  const send = async () => {
    setSending(true);
    setError(null);
    try {
      const body = { instrument: inst.id, answers: answers as number[], ...(asksFunctional(inst, answers) && functional !== null ? { functional } : {}) };
      const r = await api.createAssessment(body);
      onDone(r.assessment, r.safety);
    } catch (e) {
      setError(errorMessage(e));
      setSending(false);
    }
  };

  const next = (e: Event) => {
    e.preventDefault();
    if (sending) return;
    if (value === null && !onFunctional) {
      setMissing(true);
      return;
    }
    if (last) {
      void send();
      return;
    }
    moved.current = true;
    setStep(step + 1);
  };

  const back = () => {
    setMissing(false);
    setError(null);
    moved.current = true;
    setStep(Math.max(0, step - 1));
  };

  const frame = timeFrameLine(inst);
  return (
    <form class="card care-step" onSubmit={next} noValidate data-testid="care-step">
      <p class="meta care-progress" id="care-progress" data-testid="care-progress">
        {onFunctional ? t('care.q.progressExtra') : t('care.q.progress', { n: step + 1, total: inst.items.length })}
      </p>
      <progress class="care-bar" max={total} value={step + 1} aria-hidden="true" />
      <fieldset key={`${inst.id}-${step}`} aria-labelledby="care-q-text" aria-describedby={frame && !onFunctional ? 'care-frame' : undefined}>
        {frame && !onFunctional && (
          <p class="hint" id="care-frame">
            {frame}
          </p>
        )}
        <h2 id="care-q-text" class="care-question" tabIndex={-1} ref={heading}>
          {item.text}
        </h2>
        {onFunctional && <p class="hint">{t('care.q.functionalHint')}</p>}
        <div class="answer-options">
          {options.map((o) => (
            <label class="answer-option" key={o.value}>
              <input type="radio" name={`care-${inst.id}-${item.id}`} value={o.value} checked={value === o.value} onChange={() => choose(o.value)} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorText>{missing ? t('care.q.pick') : error}</ErrorText>
      <Status>{sending ? t('care.q.sending') : null}</Status>
      <div class="actions">
        <button type="submit" class="button primary" disabled={sending}>
          {last ? (error ? t('care.q.retry') : t('care.q.finish')) : t('care.q.next')}
        </button>
        {step > 0 && (
          <button type="button" class="button" onClick={back} disabled={sending}>
            {t('care.q.back')}
          </button>
        )}
      </div>
    </form>
  );
}

export function Questionnaire({ id }: { id: string }) {
  const [instruments, loadError, retry] = useInstruments();
  const [done, setDone] = useState<{ assessment: Assessment; safety: Safety | null } | null>(null);
  const inst = instruments?.find((i) => i.id === id) ?? null;
  const title = inst ? inst.name : instruments ? t('care.q.unknownTitle') : t('care.q.title');

  return (
    <Page title={title}>
      <Status>{!instruments && !loadError ? t('app.loading') : null}</Status>
      {loadError !== null && (
        <div class="notice">
          <ErrorText>{errorMessage(loadError)}</ErrorText>
          <button type="button" class="button small" onClick={retry}>
            {t('care.q.retryLoad')}
          </button>
        </div>
      )}
      {instruments && !inst && (
        <p>
          {t('care.q.unknown')} <Link href="/questionnaires">{t('care.result.all')}</Link>
        </p>
      )}
      {inst && !done && (
        <>
          <p class="lead">{t('care.q.intro', { count: inst.items.length })}</p>
          <p class="hint">{t('care.q.private')}</p>
          <Asking inst={inst} onDone={(assessment, safety) => setDone({ assessment, safety })} />
          {inst.licence_note && <p class="meta licence">{inst.licence_note}</p>}
        </>
      )}
      {inst && done && <Result inst={inst} assessment={done.assessment} safety={done.safety} />}
    </Page>
  );
}
