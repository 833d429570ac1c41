// The structured fields of each entry kind (docs/api.md): gratitude items, thought
// record, session preparation and after-session notes.
import { t, type MessageKey } from '../i18n';
import type { EntryFields as Fields, EntryKind, TextFieldName } from '../types';
import { KIND_FIELDS } from '../types';
import { checkLimit, FIELD_MAX } from '../limits';
import { TextArea, TextField } from './Field';

const MAX_ITEMS = 5;

interface Props {
  kind: EntryKind;
  fields: Fields;
  errors: Record<string, string>;
  onChange: (f: Fields) => void;
}

export function EntryFields({ kind, fields, errors, onChange }: Props) {
  const names = KIND_FIELDS[kind];
  if (names.length === 0) return null;
  if (kind === 'gratitude') {
    const items = fields.items ?? [];
    return (
      <fieldset class="stack">
        <legend>{t('kind.gratitude')}</legend>
        {Array.from({ length: MAX_ITEMS }, (_, i) => (
          <TextField
            key={i}
            id={`f-items-${i}`}
            label={t('field.items', { n: i + 1, max: MAX_ITEMS })}
            value={items[i] ?? ''}
            hint={checkLimit(items[i] ?? '', FIELD_MAX).hint}
            onInput={(e) => {
              const next = [...items];
              while (next.length < MAX_ITEMS) next.push('');
              next[i] = (e.target as HTMLInputElement).value;
              onChange({ ...fields, items: next });
            }}
            error={checkLimit(items[i] ?? '', FIELD_MAX).error ?? (i === 0 ? errors.items : undefined)}
          />
        ))}
      </fieldset>
    );
  }
  return (
    <fieldset class="stack">
      <legend>{t(`kind.${kind}` as MessageKey)}</legend>
      {names.map((name) => {
        if (name === 'mood_before' || name === 'mood_after') {
          const v = fields[name];
          return (
            <TextField
              key={name}
              id={`f-${name}`}
              label={t(`field.${name}` as MessageKey)}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              value={v === undefined ? '' : String(v)}
              onInput={(e) => {
                const raw = (e.target as HTMLInputElement).value;
                const next = { ...fields };
                if (raw === '' || !Number.isFinite(Number(raw))) delete next[name];
                else next[name] = Number(raw);
                onChange(next);
              }}
              error={errors[name]}
            />
          );
        }
        const textName = name as TextFieldName;
        return (
          <TextArea
            key={name}
            id={`f-${name}`}
            label={t(`field.${name}` as MessageKey)}
            rows={3}
            value={fields[textName] ?? ''}
            onInput={(e) => onChange({ ...fields, [textName]: (e.target as HTMLTextAreaElement).value })}
            hint={checkLimit(fields[textName] ?? '', FIELD_MAX).hint}
            error={checkLimit(fields[textName] ?? '', FIELD_MAX).error ?? errors[name]}
          />
        );
      })}
    </fieldset>
  );
}
