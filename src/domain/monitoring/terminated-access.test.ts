import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Row } from './model.js';
import { terminatedAccess } from './terminated-access.js';
import { at, dates, runRule, verdicts } from './testing.js';

const leaver = (id: string, email: string | null, terminated: string | null): Row => ({
  employee_id: id,
  work_email: email,
  termination_date: terminated === null ? null : at(`${terminated}T00:00:00Z`),
});
const okta = (email: string | null, status: string, statusChanged: string | null, lastLogin: string | null, login = 'x@acme.example'): Row => ({
  status,
  statusChanged: statusChanged === null ? null : at(statusChanged),
  lastLogin: lastLogin === null ? null : at(lastLogin),
  profile: { email, login },
});

function check(hr: Row[], idp: Row[], asOf = '2026-06-30', params = {}, format: 'okta-users' | 'google-workspace-users' = 'okta-users') {
  return runRule(terminatedAccess, { hr: { format: 'hr-csv', rows: hr }, idp: { format, rows: idp } }, dates(asOf), params);
}

describe('terminated-access', () => {
  it('takes the employees terminated from the period start to the as-of date, both days included', () => {
    const hr = [leaver('E0', 'a@x', '2025-12-31'), leaver('E1', 'a@x', '2026-01-01'), leaver('E2', 'a@x', '2026-03-31'), leaver('E3', 'a@x', '2026-04-01'), leaver('E4', 'a@x', null)];
    expect(check(hr, [], '2026-03-31').map((o) => o.item)).toEqual(['E1', 'E2']);
  });

  it('passes a leaver with no account, and judges only the first account in file order with the email', () => {
    const hr = [leaver('E1', 'nobody@acme.example', '2026-02-02'), leaver('E2', ' Bo@Acme.example ', '2026-02-02')];
    const idp = [okta('bo@acme.example', 'DEPROVISIONED', '2026-02-02T18:00:00Z', null), okta('BO@acme.example', 'ACTIVE', null, null)];
    expect(verdicts(check(hr, idp))).toEqual([
      ['E1', false],
      ['E2', false],
    ]);
    expect(verdicts(check(hr, [...idp].reverse()))).toEqual([
      ['E1', false],
      ['E2', true],
    ]);
  });

  it('finds an Okta account by its login when the email is absent or null', () => {
    const hr = [leaver('E1', 'cy@acme.example', '2026-02-02')];
    expect(verdicts(check(hr, [okta(null, 'ACTIVE', null, null, 'cy@acme.example')]))).toEqual([['E1', true]]);
    expect(verdicts(check(hr, [{ status: 'ACTIVE', profile: { login: 'CY@acme.example' } }]))).toEqual([['E1', true]]);
  });

  it('fails an account with access at the as-of date; DEPROVISIONED and SUSPENDED have none', () => {
    const hr = [leaver('E1', 'a@x', '2026-02-02')];
    for (const [status, fails] of [['ACTIVE', true], ['LOCKED_OUT', true], ['PASSWORD_EXPIRED', true], ['SUSPENDED', false], ['DEPROVISIONED', false]] as const) {
      const [outcome] = check(hr, [okta('a@x', status, '2026-02-02T17:00:00Z', null)]);
      expect(outcome?.failure !== null, status).toBe(fails);
    }
    expect(check(hr, [okta('a@x', 'ACTIVE', null, null)])[0]?.failure).toBe('terminated 2026-02-02: the Okta account is still ACTIVE at 2026-06-30');
  });

  it('fails a status change on or after termination + (slaDays + 1), to the millisecond', () => {
    const hr = [leaver('E1', 'a@x', '2026-02-13')];
    const changed = (when: string, params = {}) => check(hr, [okta('a@x', 'DEPROVISIONED', when, null)], '2026-06-30', params)[0]?.failure ?? null;
    expect(changed('2026-02-14T23:59:59.999Z')).toBeNull();
    expect(changed('2026-02-15T00:00:00.000Z')).toBe('terminated 2026-02-13: its Okta status changed 2026-02-15, not before 2026-02-15 as the 1-day SLA requires');
    expect(changed('2026-02-15T00:00:00.000Z', { slaDays: 2 })).toBeNull();
    expect(changed('2026-02-14T00:00:00.000Z', { slaDays: 0 })).not.toBeNull();
  });

  it('passes a last sign-in on the day of termination and fails one on the next day', () => {
    const hr = [leaver('E1', 'a@x', '2026-02-13')];
    const login = (when: string) => check(hr, [okta('a@x', 'DEPROVISIONED', '2026-02-13T18:00:00Z', when)])[0]?.failure ?? null;
    expect(login('2026-02-13T23:59:59.999Z')).toBeNull();
    expect(login('2026-02-14T00:00:00.000Z')).toBe('terminated 2026-02-13: last sign-in 2026-02-14, after the termination date');
  });

  it('reads Google users: suspended or archived have no access; lastLoginTime counts; no statusChanged rule', () => {
    const hr = [leaver('E1', 'bo@acme.example', '2026-02-13')];
    const google = (extra: Row) => check(hr, [{ primaryEmail: 'bo@acme.example', suspended: false, archived: false, lastLoginTime: null, ...extra }], '2026-06-30', {}, 'google-workspace-users');
    expect(verdicts(google({ suspended: true }))).toEqual([['E1', false]]);
    expect(verdicts(google({ archived: true }))).toEqual([['E1', false]]);
    expect(google({})[0]?.failure).toBe('terminated 2026-02-13: the Google account is neither suspended nor archived at 2026-06-30');
    expect(verdicts(google({ suspended: true, lastLoginTime: at('2026-02-14T08:00:00Z') }))).toEqual([['E1', true]]);
  });

  it('refuses a negative SLA', () => {
    expect(() => check([], [], '2026-06-30', { slaDays: -1 })).toThrow(/slaDays must be a whole number of days from 0/);
  });

  // A reference written differently: dates as ISO text, the idp searched linearly for each leaver.
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const nextDay = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  function reference(hr: Row[], idp: Row[], asOf: string, slaDays: number): [string, boolean][] {
    const result: [string, boolean][] = [];
    for (const person of hr) {
      const terminated = person.termination_date as Date | null;
      if (!terminated || day(terminated) < '2026-01-01' || day(terminated) > asOf) continue;
      const email = String(person.work_email ?? '').trim().toLowerCase();
      const account = idp.find((u) => {
        const profile = u.profile as Row;
        const address = profile.email === null || profile.email === undefined ? profile.login : profile.email;
        return email !== '' && String(address ?? '').trim().toLowerCase() === email;
      });
      if (!account) {
        result.push([String(person.employee_id), false]);
        continue;
      }
      const active = account.status !== 'DEPROVISIONED' && account.status !== 'SUSPENDED';
      const changed = account.statusChanged as Date | null;
      const late = changed !== null && changed.toISOString() >= `${nextDay(day(terminated), slaDays + 1)}T00:00:00.000Z`;
      const lastLogin = account.lastLogin as Date | null;
      const signedIn = lastLogin !== null && day(lastLogin) > day(terminated);
      result.push([String(person.employee_id), active || late || signedIn]);
    }
    return result;
  }

  const dayIn = fc.integer({ min: -5, max: 200 }).map((n) => nextDay('2026-01-01', n));
  const instantNear = fc.tuple(dayIn, fc.integer({ min: 0, max: 86_399_999 })).map(([d, ms]) => new Date(Date.parse(`${d}T00:00:00Z`) + ms));
  const email = fc.constantFrom('a@x', ' A@x', 'b@x', 'c@x', '');
  prop.prop([
    fc.array(fc.record({ employee_id: fc.string({ minLength: 1, maxLength: 3 }), work_email: email, termination_date: fc.option(dayIn.map((d) => at(`${d}T00:00:00Z`))) }), { maxLength: 8 }),
    fc.array(
      fc.record({
        status: fc.constantFrom('ACTIVE', 'SUSPENDED', 'DEPROVISIONED', 'LOCKED_OUT'),
        statusChanged: fc.option(instantNear),
        lastLogin: fc.option(instantNear),
        profile: fc.record({ email: fc.option(email), login: email }),
      }),
      { maxLength: 6 },
    ),
    dayIn,
    fc.integer({ min: 0, max: 5 }),
  ])('agrees with a reference written differently', (hr, idp, asOf, slaDays) => {
    expect(verdicts(check(hr as Row[], idp as Row[], asOf, { slaDays }))).toEqual(reference(hr as Row[], idp as Row[], asOf, slaDays));
  });
});
