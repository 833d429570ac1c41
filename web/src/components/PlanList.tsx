// One editable list of the safety plan (a Stanley–Brown step, or reasons for living):
// a heading, a short plain explanation, one text box per line with Remove, and Add.
// An empty list shows one empty box to write in. Focus follows adds and removes.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { checkLimit } from '../limits';

export const PLAN_ITEMS_MAX = 20;
export const PLAN_ITEM_CHARS = 500;

interface Props {
  id: string;
  title: string;
  hint: string;
  itemLabel: (n: number) => string;
  addLabel: string;
  /** "Step 1" and so on, for the six steps. */
  step?: string;
  items: string[];
  error?: string | null;
  onChange: (items: string[]) => void;
}

/** Grows a one-row text box to fit what is written, so long lines (phone numbers on a
 * narrow screen) wrap instead of being cut off. */
function fit(el: HTMLTextAreaElement | null) {
  if (!el) return;
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
}

/** One line of the plan: a text box that wraps, where Enter saves as in a one-line field. */
function PlanInput({ value, onValue, ...rest }: { id: string; value: string; onValue: (v: string) => void; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => fit(ref.current), [value]);
  useLayoutEffect(() => {
    const onResize = () => fit(ref.current);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <textarea
      ref={ref}
      rows={1}
      class="plan-input"
      value={value}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
          e.preventDefault();
          (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
        }
      }}
      onInput={(e) => {
        const v = (e.target as HTMLTextAreaElement).value.replace(/[\r\n]+/g, ' ');
        fit(e.target as HTMLTextAreaElement);
        onValue(v);
      }}
      {...rest}
    />
  );
}

export function PlanList({ id, title, hint, itemLabel, addLabel, step, items, error, onChange }: Props) {
  const shown = items.length ? items : [''];
  const focusItem = (i: number) =>
    requestAnimationFrame(() => (document.getElementById(`${id}-${i}`) as HTMLTextAreaElement | null)?.focus());

  const set = (i: number, v: string) => onChange(shown.map((x, j) => (j === i ? v : x)));
  const add = () => {
    onChange([...shown, '']);
    focusItem(shown.length);
  };
  const remove = (i: number) => {
    const next = shown.filter((_, j) => j !== i);
    onChange(next);
    focusItem(Math.min(i, Math.max(0, next.length - 1)));
  };

  return (
    <section class="card plan-step" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {step && <span class="step-num">{step} · </span>}
        {title}
      </h2>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <ul class="plan-items">
        {shown.map((v, i) => {
          const limit = checkLimit(v, PLAN_ITEM_CHARS);
          const label = itemLabel(i + 1);
          const described = [limit.hint ? `${id}-${i}-count` : '', limit.error ? `${id}-${i}-error` : ''].filter(Boolean).join(' ');
          return (
            <li key={i} class="plan-item">
              <label for={`${id}-${i}`} class="visually-hidden">
                {label}
              </label>
              <div class="plan-row">
                <PlanInput
                  id={`${id}-${i}`}
                  value={v}
                  aria-invalid={limit.error ? 'true' : undefined}
                  aria-describedby={described || undefined}
                  onValue={(nv) => set(i, nv)}
                />
                {(shown.length > 1 || v !== '') && (
                  <button type="button" class="button small" aria-label={t('safety.plan.removeLabel', { item: label })} onClick={() => remove(i)}>
                    {t('safety.plan.remove')}
                  </button>
                )}
              </div>
              {limit.hint && (
                <p class="hint" id={`${id}-${i}-count`}>
                  {limit.hint}
                </p>
              )}
              {limit.error && (
                <p class="field-error" id={`${id}-${i}-error`} role="alert">
                  {limit.error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {shown.length < PLAN_ITEMS_MAX ? (
        <button type="button" class="button small" onClick={add}>
          {addLabel}
        </button>
      ) : (
        <p class="hint">{t('safety.plan.full', { max: PLAN_ITEMS_MAX })}</p>
      )}
    </section>
  );
}
