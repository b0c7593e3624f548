/**
 * Sets the locale every date of the pages below is written and typed in: the organisation's on screen (or, on a
 * page of no organisation such as the first setup, the person's only one), en-GB while none is known.
 */
import { DEFAULT_LOCALE } from '@assay/domain/locales.js';
import { useParams } from 'react-router';
import { useOrganizations } from '../api/session.js';
import { setDateLocale } from '../dates.js';

/** The locale set, for a key that renders the pages anew when the admin changes it. */
export function useDateLocale(): string {
  const { organizationId } = useParams();
  const mine = useOrganizations().data ?? [];
  const organization = mine.find((o) => o.id === organizationId) ?? (mine.length === 1 ? mine[0] : undefined);
  const locale = organization?.locale ?? DEFAULT_LOCALE;
  // Before the pages below render, so the first date they write is already in it.
  setDateLocale(locale);
  return locale;
}
