// The country select on the start and sign-up forms: pre-selected from the browser's
// language region, optional ("Choose later"), with a line saying it is for helplines.
import { useMemo } from 'preact/hooks';
import { countryOptions } from '../countries';
import { t } from '../i18n';
import { SelectField } from './Field';

export function CountryField({ id, value, onChange, error }: { id: string; value: string; onChange: (v: string) => void; error?: string }) {
  const options = useMemo(countryOptions, []);
  return (
    <SelectField
      id={id}
      label={t('start.country')}
      hint={t('start.countryHint')}
      value={value}
      onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
      error={error}
    >
      <option value="">{t('start.countryLater')}</option>
      {options.map(([code, name]) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}
