import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { confirmedStatus, signature, signatureMatches, subprocessorChanges } from './index.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const arbSubprocessor = fc.record({ name: fc.constantFrom('Cloud Host', 'Mailer', 'Payments'), purpose: fc.constantFrom('hosting', 'e-mail'), location: fc.constantFrom('EU', 'US') });
const key = (s: { name: string; purpose: string; location: string }) => `${s.name}|${s.purpose}|${s.location}`;

describe('webhook signatures', () => {
  it('is the HMAC-SHA256 of the body with the time it was sent, as a receiver computes it (RFC 4231, case 2)', () => {
    expect(signature('Jefe', 'what do ya want for nothing?', new Date('2026-12-05T10:00:00.900Z'))).toBe(
      't=1796464800,v1=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  prop.prop([fc.string({ minLength: 1 }), fc.string(), fc.string({ minLength: 1 }), fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })], { numRuns: RUNS })(
    'verifies its own body, and no other body or secret',
    (secret, body, other, at) => {
      const header = signature(secret, body, at);
      expect(signatureMatches(secret, body, header)).toBe(true);
      expect(signatureMatches(secret, body + other, header)).toBe(false);
      expect(signatureMatches(secret + other, body, header)).toBe(false);
    },
  );

  it('refuses a header without a time or with a truncated signature', () => {
    const header = signature('secret', 'body', new Date());
    expect(signatureMatches('secret', 'body', header.replace(/^t=\d+,/, ''))).toBe(false);
    expect(signatureMatches('secret', 'body', header.slice(0, -1))).toBe(false);
  });
});

describe('subscriptions', () => {
  it('activates a pending subscription, keeps an active one, and never revives a cancelled one', () => {
    expect(confirmedStatus('pending')).toBe('active');
    expect(confirmedStatus('active')).toBe('active');
    expect(() => confirmedStatus('unsubscribed')).toThrow(/subscribe again/);
  });
});

describe('subprocessor changes', () => {
  prop.prop([fc.array(arbSubprocessor, { maxLength: 6 }), fc.array(arbSubprocessor, { maxLength: 6 })], { numRuns: RUNS })(
    'adds what is new, removes what is gone, and applying the change to the old list gives the new one',
    (before, after) => {
      const { added, removed } = subprocessorChanges(before, after);
      expect(added.every((s) => !before.some((b) => key(b) === key(s)))).toBe(true);
      expect(removed.every((s) => !after.some((a) => key(a) === key(s)))).toBe(true);
      const applied = new Set([...before.filter((s) => !removed.includes(s)).map(key), ...added.map(key)]);
      expect(applied).toEqual(new Set(after.map(key)));
    },
  );

  it('sees a changed location as the old entry removed and the new one added', () => {
    const host = { name: 'Cloud Host', purpose: 'hosting', location: 'EU' };
    expect(subprocessorChanges([host], [{ ...host, location: 'US' }])).toEqual({ added: [{ ...host, location: 'US' }], removed: [host] });
    expect(subprocessorChanges([host], [host])).toEqual({ added: [], removed: [] });
  });
});
