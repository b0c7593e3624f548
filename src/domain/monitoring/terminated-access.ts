/**
 * terminated-access (DESIGN §8): every leaver of the period loses access to the identity provider in time.
 * Population: HR rows whose termination_date is set, on or after periodStart and on or before asOf.
 */
import { dateField, daysParam, field, lookupKey, type BuiltinCheck } from './builtin.js';
import { dayPlus, instantText } from './days.js';
import type { Row } from './model.js';

/** Okta statuses in which the account no longer signs in. */
const OKTA_WITHOUT_ACCESS = new Set(['DEPROVISIONED', 'SUSPENDED']);

export const terminatedAccess: BuiltinCheck = {
  name: 'terminated-access',
  description: 'Leavers lose access: each employee terminated in the period has no active identity-provider account, was deactivated within the SLA (Okta) and has not signed in since the termination date',
  sources: [
    { name: 'hr', formats: ['hr-csv'], description: 'the HR roster' },
    { name: 'idp', formats: ['okta-users', 'google-workspace-users'], description: 'the identity provider’s users' },
  ],
  params: [daysParam('slaDays', 'days after the termination date by which an Okta account must be deactivated', 1)],
  prepare(params, dates, formats) {
    const slaDays = params.slaDays as number;
    const okta = formats.idp === 'okta-users';
    return {
      population: 'hr',
      index: {
        source: 'idp',
        // Okta's email, or its login where the email is absent or null; Google's primary address.
        key: (row) => lookupKey(okta ? (field(row, 'profile', 'email') ?? field(row, 'profile', 'login')) : row.primaryEmail),
        fields: okta
          ? [
              { name: 'status', kind: 'text', read: (row) => row.status },
              { name: 'statusChanged', kind: 'date', read: (row) => row.statusChanged },
              { name: 'lastLogin', kind: 'date', read: (row) => row.lastLogin },
            ]
          : [
              { name: 'suspended', kind: 'boolean', read: (row) => row.suspended },
              { name: 'archived', kind: 'boolean', read: (row) => row.archived },
              { name: 'lastLoginTime', kind: 'date', read: (row) => row.lastLoginTime },
            ],
      },
      test(row, found) {
        const terminated = dateField(row, 'termination_date');
        if (terminated === null || terminated > dates.asOf) return [];
        if (dates.periodStart !== null && terminated < dates.periodStart) return [];
        const item = String(row.employee_id ?? row.work_email ?? '');
        const account = found(lookupKey(row.work_email));
        if (account === undefined) return [{ item, failure: null }];
        const reasons = okta ? oktaProblems(account, terminated, slaDays, dates.asOf) : googleProblems(account, terminated, dates.asOf);
        return [{ item, failure: reasons.length > 0 ? `terminated ${instantText(terminated)}: ${reasons.join('; ')}` : null }];
      },
    };
  },
};

function oktaProblems(account: Row, terminated: Date, slaDays: number, asOf: Date): string[] {
  const reasons: string[] = [];
  const status = String(account.status ?? '').toUpperCase();
  if (!OKTA_WITHOUT_ACCESS.has(status)) reasons.push(`the Okta account is still ${status || 'without a status'} at ${instantText(asOf)}`);
  const changed = dateField(account, 'statusChanged');
  const deadline = dayPlus(terminated, slaDays + 1);
  if (changed !== null && changed >= deadline) {
    reasons.push(`its Okta status changed ${instantText(changed)}, not before ${instantText(deadline)} as the ${slaDays}-day SLA requires`);
  }
  return [...reasons, ...signInAfter(dateField(account, 'lastLogin'), terminated)];
}

function googleProblems(account: Row, terminated: Date, asOf: Date): string[] {
  const reasons: string[] = [];
  if (account.suspended !== true && account.archived !== true) {
    reasons.push(`the Google account is neither suspended nor archived at ${instantText(asOf)}`);
  }
  return [...reasons, ...signInAfter(dateField(account, 'lastLoginTime'), terminated)];
}

/** (c): a sign-in on a day after the termination date (one on the day itself is the last working day). */
function signInAfter(lastLogin: Date | null, terminated: Date): string[] {
  const nextDay = dayPlus(terminated, 1);
  return lastLogin !== null && lastLogin >= nextDay ? [`last sign-in ${instantText(lastLogin)}, after the termination date`] : [];
}
