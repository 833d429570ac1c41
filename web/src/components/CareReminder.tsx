// The gentle in-app reminder on Today: one line when a scheduled questionnaire is due (or
// has been for a while), linking to it — or to the list when more than one is due. Says
// nothing when none is due or the schedule cannot be read (offline, older server).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { byUsualOrder, isDue, shortName } from '../care/instruments';
import { t } from '../i18n';
import type { ScheduleItem } from '../types';
import { Link } from './Link';

export function CareReminder() {
  const [due, setDue] = useState<ScheduleItem[]>([]);
  useEffect(() => {
    let live = true;
    api.schedule().then(
      (r) => live && setDue(byUsualOrder(r.schedule.filter(isDue))),
      () => {
        /* no reminder when the schedule cannot be read */
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (due.length === 0) return null;
  const one = due.length === 1;
  return (
    <p class="care-reminder" data-testid="care-reminder">
      {one ? t('care.reminder.one') : t('care.reminder.many')}{' '}
      <Link href={one ? `/questionnaires/${due[0].instrument}` : '/questionnaires'}>
        {one ? t('care.reminder.link', { name: shortName(due[0].instrument) }) : t('care.reminder.linkMany')}
      </Link>
    </p>
  );
}
