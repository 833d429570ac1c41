// Paced breathing: about six breaths a minute (4 s in, 6 s out, or the exercise's own pace)
// for the exercise's minutes. A circle grows while breathing in and shrinks while breathing
// out (a Web Animation kept in step with the timer, paused with the guide; no inline styles,
// so the strict CSP holds), with "Breathe in" / "Breathe out" and a countdown. With
// prefers-reduced-motion there is no circle and no scaling: the words, the countdown and a
// progress bar for each breath. The phase word is announced politely (about every 5 s);
// the ticking countdown is not.
import { useEffect, useRef, useState } from 'preact/hooks';
import { clock } from '../../exercises';
import { t } from '../../i18n';
import { useMedia } from '../../useMedia';

export const IN_MS = 4000;
export const OUT_MS = 6000;
const TICK_MS = 200;
const SMALL = 'scale(0.55)';
const LARGE = 'scale(1)';

interface Props {
  minutes: number;
  /** Seconds in and out; 0 or absent for the default 4 and 6. */
  inhale?: number;
  exhale?: number;
  /** Start at once (opened from a button that already said "try it"). */
  autoStart?: boolean;
  onDone?: () => void;
}

export function BreathingGuide({ minutes, inhale, exhale, autoStart = false, onDone }: Props) {
  const total = Math.max(1, minutes || 1) * 60_000;
  const IN = inhale && inhale > 0 ? inhale * 1000 : IN_MS;
  const OUT = exhale && exhale > 0 ? exhale * 1000 : OUT_MS;
  const CYCLE = IN + OUT;
  const reduced = useMedia('(prefers-reduced-motion: reduce)');
  const [started, setStarted] = useState(autoStart);
  const [running, setRunning] = useState(autoStart);
  const [elapsed, setElapsed] = useState(0);
  const [finished, setFinished] = useState(false);
  /** Bumped on each start, so the animation begins again from "in". */
  const [run, setRun] = useState(0);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const circle = useRef<HTMLDivElement>(null);
  const anim = useRef<Animation | null>(null);
  const elapsedRef = useRef(0);
  const doneRef = useRef(onDone);
  doneRef.current = onDone;
  elapsedRef.current = elapsed;

  // The growing and shrinking circle (not with reduced motion: then there is no circle).
  const showCircle = started && !finished && !reduced;
  useEffect(() => {
    const el = circle.current;
    if (!showCircle || !el || typeof el.animate !== 'function') return;
    const a = el.animate(
      [
        { transform: SMALL, easing: 'ease-in-out' },
        { transform: LARGE, offset: IN / CYCLE, easing: 'ease-in-out' },
        { transform: SMALL },
      ],
      { duration: CYCLE, iterations: Infinity },
    );
    a.currentTime = elapsedRef.current % CYCLE;
    anim.current = a;
    return () => {
      a.cancel();
      anim.current = null;
    };
  }, [showCircle, run, IN, CYCLE]);
  useEffect(() => {
    const a = anim.current;
    if (!a) return;
    a.currentTime = elapsedRef.current % CYCLE;
    if (running) a.play();
    else a.pause();
  }, [running, showCircle, run]);

  useEffect(() => {
    if (!running) return;
    let last = performance.now();
    const id = window.setInterval(() => {
      const now = performance.now();
      const step = now - last;
      last = now;
      setElapsed((e) => Math.min(total, e + step));
    }, TICK_MS);
    return () => window.clearInterval(id);
  }, [running, total]);

  useEffect(() => {
    if (running && elapsed >= total) {
      setRunning(false);
      setFinished(true);
      doneRef.current?.();
    }
  }, [elapsed, running, total]);

  const start = () => {
    setElapsed(0);
    setFinished(false);
    setStarted(true);
    setRunning(true);
    setRun((n) => n + 1);
    requestAnimationFrame(() => pauseRef.current?.focus());
  };
  const finishNow = () => {
    setRunning(false);
    setFinished(true);
    doneRef.current?.();
  };

  const pos = elapsed % CYCLE;
  const breathingIn = pos < IN;
  const phaseLeft = breathingIn ? IN - pos : CYCLE - pos;
  const phaseDone = breathingIn ? pos / IN : (pos - IN) / OUT;
  const phaseWord = breathingIn ? t('breathing.in') : t('breathing.out');

  return (
    <div class="breathing" data-testid="breathing" data-state={finished ? 'done' : running ? 'running' : started ? 'paused' : 'ready'}>
      <p class="hint">{IN === IN_MS && OUT === OUT_MS ? t('breathing.pace') : t('breathing.paceCustom', { in: IN / 1000, out: OUT / 1000 })}</p>
      {!started && (
        <div class="actions">
          <button type="button" class="button primary" onClick={start}>
            {t('breathing.start')}
          </button>
        </div>
      )}
      {started && !finished && (
        <>
          <div class="breath-stage" role="group" aria-label={t('breathing.guide')}>
            {!reduced && (
              <div class="breath-circle-wrap" aria-hidden="true">
                <div ref={circle} class="breath-circle" data-testid="breath-circle" />
              </div>
            )}
            <p class="breath-word" aria-live="polite" data-testid="breath-word">
              {running ? phaseWord : t('breathing.paused')}
            </p>
            <p class="breath-count" aria-hidden="true" data-testid="breath-count">
              {Math.ceil(phaseLeft / 1000)}
            </p>
            {reduced && (
              <progress class="care-bar breath-bar" max={100} value={Math.round(phaseDone * 100)} aria-label={t('breathing.breath')} data-testid="breath-progress" />
            )}
          </div>
          <p class="meta breath-left">{t('breathing.left', { time: clock(total - elapsed) })}</p>
          <progress class="care-bar" max={total} value={elapsed} aria-label={t('breathing.total')} />
          <div class="actions">
            <button type="button" class="button" ref={pauseRef} onClick={() => setRunning((r) => !r)}>
              {running ? t('breathing.pause') : t('breathing.resume')}
            </button>
            <button type="button" class="button" onClick={finishNow}>
              {t('breathing.finish')}
            </button>
          </div>
        </>
      )}
      {finished && (
        <p class="lead" role="status">
          {t('breathing.done')}
        </p>
      )}
    </div>
  );
}
