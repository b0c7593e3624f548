import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { accessKeyRotation, mfaEnabled } from './aws-iam.js';
import type { Row } from './model.js';
import { at, dates, runRule, verdicts } from './testing.js';

const user = (name: string, extra: Row = {}): Row => ({
  user: name,
  password_enabled: false,
  mfa_active: false,
  access_key_1_active: false,
  access_key_1_last_rotated: null,
  access_key_2_active: false,
  access_key_2_last_rotated: null,
  ...extra,
});
const iam = (rows: Row[]) => ({ iam: { format: 'aws-iam-credential-report' as const, rows } });

describe('mfa-enabled', () => {
  it('takes the root account (its password_enabled is not_supported, so null) and every user with a password', () => {
    const rows = [user('<root_account>', { password_enabled: null, mfa_active: true }), user('ci'), user('ada', { password_enabled: true, mfa_active: false }), user('bo', { password_enabled: true, mfa_active: true })];
    expect(verdicts(runRule(mfaEnabled, iam(rows), dates('2026-06-30')))).toEqual([
      ['<root_account>', false],
      ['ada', true],
      ['bo', false],
    ]);
    expect(runRule(mfaEnabled, iam([user('<root_account>', { password_enabled: null })]), dates('2026-06-30'))[0]?.failure).toBe('the root account has no MFA active');
  });

  prop.prop([fc.array(fc.record({ user: fc.constantFrom('<root_account>', 'a', 'b'), password_enabled: fc.option(fc.boolean()), mfa_active: fc.boolean() }))])(
    'agrees with a reference: in the population exactly when root or password-enabled; fails exactly when MFA is off',
    (rows) => {
      const expected = rows.filter((r) => r.user === '<root_account>' || r.password_enabled === true).map((r): [string, boolean] => [r.user, !r.mfa_active]);
      expect(verdicts(runRule(mfaEnabled, iam(rows), dates('2026-06-30')))).toEqual(expected);
    },
  );
});

describe('access-key-rotation', () => {
  it('takes each active key, the root account’s too, and fails one rotated before asOf − maxAgeDays or never', () => {
    const rows = [
      user('<root_account>', { access_key_1_active: true, access_key_1_last_rotated: at('2026-04-01T00:00:00Z') }),
      user('ci', { access_key_1_active: true, access_key_1_last_rotated: at('2026-03-31T23:59:59.999Z'), access_key_2_active: true, access_key_2_last_rotated: null }),
      user('old', { access_key_1_active: false, access_key_1_last_rotated: at('2020-01-01T00:00:00Z') }),
    ];
    // 2026-06-30 − 90 days = 2026-04-01.
    const outcomes = runRule(accessKeyRotation, iam(rows), dates('2026-06-30'));
    expect(verdicts(outcomes)).toEqual([
      ['<root_account>/1', false],
      ['ci/1', true],
      ['ci/2', true],
    ]);
    expect(outcomes[1]?.failure).toBe('an active key last rotated 2026-03-31T23:59:59Z, before 2026-04-01 (90 days before 2026-06-30)');
    expect(outcomes[2]?.failure).toBe('an active key with no rotation date');
    expect(verdicts(runRule(accessKeyRotation, iam(rows), dates('2026-06-30'), { maxAgeDays: 91 }))[1]).toEqual(['ci/1', false]);
  });

  const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);
  prop.prop([
    fc.array(fc.record({ user: fc.constantFrom('a', 'b'), k1: fc.boolean(), r1: fc.option(fc.integer({ min: 0, max: 400 })), k2: fc.boolean(), r2: fc.option(fc.integer({ min: 0, max: 400 })) })),
    fc.integer({ min: 100, max: 400 }),
    fc.integer({ min: 1, max: 200 }),
  ])('agrees with a reference counting whole days', (keys, asOfDay, maxAgeDays) => {
    const rows = keys.map((k) =>
      user(k.user, {
        access_key_1_active: k.k1,
        access_key_1_last_rotated: k.r1 === null ? null : new Date(day(k.r1).getTime() + 3_600_000),
        access_key_2_active: k.k2,
        access_key_2_last_rotated: k.r2 === null ? null : day(k.r2),
      }),
    );
    const expected = keys.flatMap((k): [string, boolean][] => [
      ...(k.k1 ? [[`${k.user}/1`, k.r1 === null || k.r1 < asOfDay - maxAgeDays] as [string, boolean]] : []),
      ...(k.k2 ? [[`${k.user}/2`, k.r2 === null || k.r2 < asOfDay - maxAgeDays] as [string, boolean]] : []),
    ]);
    const asOf = day(asOfDay).toISOString().slice(0, 10);
    expect(verdicts(runRule(accessKeyRotation, iam(rows), dates(asOf), { maxAgeDays }))).toEqual(expected);
  });
});
