// Behavioural activation: plan small activities for the week (pleasure, mastery, values),
// then mark each done with mood before and after (0–10). POST/GET/PATCH/DELETE /activities.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../../api';
import { formatDateTime } from '../../format';
import { t, type MessageKey } from '../../i18n';
import { ACTIVITY_CATEGORIES, type Activity, type ActivityCategory } from '../../types';
import { SelectField, TextField } from '../Field';
import { ErrorText, Status } from '../Status';

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local value ("YYYY-MM-DDTHH:MM") for a Date, in local time. */
function localValue(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The next whole hour from now. */
function nextHour(): Date {
  const d = new Date();
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d;
}

/** Monday 00:00 of this week, local time. */
function weekStart(): Date {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

/** Some servers answer with the object itself, some wrap it; accept both. */
function unwrap(r: Activity | { activity?: Activity; item?: Activity }): Activity {
  const w = r as { activity?: Activity; item?: Activity };
  return w.activity ?? w.item ?? (r as Activity);
}

const sortByTime = (list: Activity[]) => [...list].sort((a, b) => Date.parse(a.planned_for) - Date.parse(b.planned_for));

function moodInput(raw: string): number | undefined | null {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : null;
}

function ActivityItem({ a, onChange, onRemove }: { a: Activity; onChange: (a: Activity, msg: string) => void; onRemove: (a: Activity) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [before, setBefore] = useState(a.mood_before == null ? '' : String(a.mood_before));
  const [after, setAfter] = useState(a.mood_after == null ? '' : String(a.mood_after));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const markBtn = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  const saveDone = async (e: Event) => {
    e.preventDefault();
    const b = moodInput(before);
    const f = moodInput(after);
    if (b === null || f === null) {
      setError(t('ba.badMood'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const patch: { done: boolean; mood_before?: number; mood_after?: number } = { done: true };
      if (b !== undefined) patch.mood_before = b;
      if (f !== undefined) patch.mood_after = f;
      const updated = unwrap(await api.patchActivity(a.id, patch));
      setOpen(false);
      onChange(updated, t('ba.markedDone', { title: updated.title }));
      requestAnimationFrame(() => document.getElementById(`${id}-t`)?.focus());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await api.deleteActivity(a.id);
      onRemove(a);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const moods =
    a.mood_before != null && a.mood_after != null
      ? t('ba.moodChange', { before: a.mood_before, after: a.mood_after })
      : a.mood_before != null
        ? t('ba.moodOne', { value: a.mood_before })
        : a.mood_after != null
          ? t('ba.moodOne', { value: a.mood_after })
          : null;

  return (
    <li class={`activity${a.done ? ' done' : ''}`} data-testid="activity" data-done={a.done ? 'true' : 'false'}>
      <p class="activity-title">
        <strong id={`${id}-t`} tabIndex={-1} class="focus-target">
          {a.title}
        </strong> {a.done && <span class="badge">{t('ba.done')}</span>}
      </p>
      <p class="meta">
        <time dateTime={a.planned_for}>{formatDateTime(a.planned_for)}</time> · {t(`ba.catShort.${a.category}` as MessageKey)}
        {moods && <> · {moods}</>}
      </p>
      {open ? (
        <form class="stack activity-done" onSubmit={saveDone} noValidate aria-labelledby={`${id}-t`}>
          <div class="mood-pair">
            <div class="field">
              <label for={`${id}-b`}>{t('ba.moodBefore')}</label>
              <input id={`${id}-b`} ref={first} type="number" inputMode="numeric" min={0} max={10} step={1} value={before} aria-describedby={`${id}-h`} onInput={(e) => setBefore((e.target as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for={`${id}-a`}>{t('ba.moodAfter')}</label>
              <input id={`${id}-a`} type="number" inputMode="numeric" min={0} max={10} step={1} value={after} aria-describedby={`${id}-h`} onInput={(e) => setAfter((e.target as HTMLInputElement).value)} />
            </div>
          </div>
          <p class="hint" id={`${id}-h`}>
            {t('ba.moodHint')}
          </p>
          <ErrorText>{error}</ErrorText>
          <div class="actions">
            <button type="submit" class="button primary" disabled={busy}>
              {t('ba.saveDone')}
            </button>
            <button
              type="button"
              class="button"
              onClick={() => {
                setOpen(false);
                requestAnimationFrame(() => markBtn.current?.focus());
              }}
            >
              {t('ba.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <div class="actions">
            {!a.done && (
              <button type="button" class="button small" ref={markBtn} onClick={() => setOpen(true)} aria-label={t('ba.markDoneLabel', { title: a.title })}>
                {t('ba.markDone')}
              </button>
            )}
            <button type="button" class="button small" onClick={() => void remove()} disabled={busy} aria-label={t('ba.removeLabel', { title: a.title })}>
              {t('ba.remove')}
            </button>
          </div>
          <ErrorText>{error}</ErrorText>
        </>
      )}
    </li>
  );
}

export function ActivityPlanner({ onDone }: { onDone: () => void }) {
  const [items, setItems] = useState<Activity[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState(() => localValue(nextHour()));
  const [category, setCategory] = useState<ActivityCategory>('pleasure');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [finished, setFinished] = useState(false);

  useEffect(() => {
    api.activities().then(
      (r) => setItems(sortByTime(r.items ?? [])),
      (e) => {
        setItems([]);
        setLoadError(errorMessage(e));
      },
    );
  }, []);

  const add = async (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!title.trim()) errs.title = t('ba.needTitle');
    const at = new Date(when);
    if (!when || Number.isNaN(at.getTime())) errs.when = t('ba.needWhen');
    setErrors(errs);
    if (errs.title || errs.when) {
      document.getElementById(errs.title ? 'ba-title' : 'ba-when')?.focus();
      return;
    }
    setBusy(true);
    setStatus(t('ba.adding'));
    try {
      const a = unwrap(await api.createActivity({ title: title.trim(), planned_for: at.toISOString(), category }));
      setItems((old) => sortByTime([...(old ?? []), a]));
      setTitle('');
      setStatus(t('ba.added', { title: a.title }));
    } catch (err) {
      setStatus(null);
      setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const start = weekStart().getTime();
  const end = start + 7 * 86_400_000;
  const week = (items ?? []).filter((a) => {
    const at = Date.parse(a.planned_for);
    return at >= start && at < end;
  });
  const later = (items ?? []).filter((a) => Date.parse(a.planned_for) >= end);
  const replace = (a: Activity, msg: string) => {
    setItems((old) => sortByTime((old ?? []).map((x) => (x.id === a.id ? a : x))));
    setStatus(msg);
  };
  const removed = (a: Activity) => {
    setItems((old) => (old ?? []).filter((x) => x.id !== a.id));
    setStatus(t('ba.removed', { title: a.title }));
    requestAnimationFrame(() => document.getElementById('ba-week')?.focus());
  };
  const list = (xs: Activity[]) => (
    <ul class="activity-list">
      {xs.map((a) => (
        <ActivityItem key={a.id} a={a} onChange={replace} onRemove={removed} />
      ))}
    </ul>
  );

  return (
    <div class="planner" data-testid="planner">
      <p>{t('ba.intro')}</p>
      <section class="card" aria-labelledby="ba-add">
        <h2 id="ba-add">{t('ba.addTitle')}</h2>
        <form class="stack" onSubmit={add} noValidate>
          <TextField id="ba-title" label={t('ba.what')} hint={t('ba.whatHint')} value={title} maxLength={200} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} error={errors.title} />
          <TextField id="ba-when" label={t('ba.when')} type="datetime-local" value={when} onInput={(e) => setWhen((e.target as HTMLInputElement).value)} error={errors.when} />
          <SelectField id="ba-category" label={t('ba.category')} value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value as ActivityCategory)}>
            {ACTIVITY_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`ba.cat.${c}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <ErrorText>{errors.form}</ErrorText>
          <div>
            <button type="submit" class="button primary" disabled={busy}>
              {t('ba.add')}
            </button>
          </div>
        </form>
      </section>
      <Status>{status}</Status>
      <section class="card" aria-labelledby="ba-week">
        <h2 id="ba-week" tabIndex={-1} class="focus-target">
          {t('ba.weekTitle')}
        </h2>
        {items === null ? <p>{t('ba.loading')}</p> : week.length ? list(week) : <p>{t('ba.empty')}</p>}
        <ErrorText>{loadError}</ErrorText>
        {later.length > 0 && (
          <>
            <h3>{t('ba.laterTitle')}</h3>
            {list(later)}
          </>
        )}
      </section>
      {!finished && (
        <div class="actions">
          <button
            type="button"
            class="button"
            onClick={() => {
              setFinished(true);
              onDone();
            }}
          >
            {t('ba.finish')}
          </button>
        </div>
      )}
    </div>
  );
}
