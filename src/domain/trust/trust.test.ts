import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CRITERION_STATUSES } from '../evaluation/result.js';
import { controlAreas, decide, linkExpiry, linkRefusal, MAX_LINK_DAYS, ndaHash, needsAcceptance, requireCurrentVersion } from './index.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const DAY = 86_400_000;
const arbInstant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) });

describe('NDA versions', () => {
  it('hashes the exact text as SHA-256', () => {
    expect(ndaHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(ndaHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  prop.prop([fc.string(), fc.string()], { numRuns: RUNS })('two texts share a hash exactly when they are the same text', (a, b) => {
    expect(ndaHash(a) === ndaHash(b)).toBe(a === b);
  });

  prop.prop([fc.option(fc.nat(50), { nil: null }), fc.nat(50)], { numRuns: RUNS })('asks again unless the current version was accepted', (accepted, current) => {
    expect(needsAcceptance(accepted, current)).toBe(accepted !== current);
  });

  it('refuses an acceptance of a version no longer in force', () => {
    expect(() => requireCurrentVersion(1, 2)).toThrow(/version 2 is in force/);
    expect(() => requireCurrentVersion(2, 2)).not.toThrow();
  });
});

describe('download links', () => {
  prop.prop([arbInstant, fc.integer({ min: 1, max: MAX_LINK_DAYS }), fc.integer({ min: -10 * DAY, max: 100 * DAY })], { numRuns: RUNS })(
    'an approved link works exactly before its expiry',
    (issued, days, offset) => {
      const expiresAt = linkExpiry(new Date(issued), days).toISOString();
      const now = new Date(issued + offset);
      const usable = linkRefusal({ status: 'approved', expiresAt }, now) === null;
      expect(usable).toBe(offset < days * DAY);
    },
  );

  prop.prop([arbInstant, fc.constantFrom('pending', 'rejected', 'revoked' as const)], { numRuns: RUNS })('only an approved link works', (issued, status) => {
    expect(linkRefusal({ status, expiresAt: new Date(issued + DAY).toISOString() }, new Date(issued))).not.toBeNull();
  });

  it('says why a link stops: revoked, expired', () => {
    const expiresAt = '2026-12-10T00:00:00.000Z';
    expect(linkRefusal({ status: 'revoked', expiresAt }, new Date('2026-12-01'))).toMatch(/revoked/);
    expect(linkRefusal({ status: 'approved', expiresAt }, new Date('2026-12-10T00:00:00.000Z'))).toMatch(/expired/);
  });

  it('takes a lifetime of 1 to 90 whole days', () => {
    for (const days of [0, 91, 1.5]) expect(() => linkExpiry(new Date(), days)).toThrow(/\$\.days/);
  });

  it('decides a request once and revokes only an approved one', () => {
    expect(decide('pending', 'approve')).toBe('approved');
    expect(decide('pending', 'reject')).toBe('rejected');
    expect(decide('approved', 'revoke')).toBe('revoked');
    expect(() => decide('approved', 'approve')).toThrow(/approved request cannot be approved/);
    expect(() => decide('rejected', 'revoke')).toThrow(/cannot be revoked/);
    expect(() => decide('pending', 'revoke')).toThrow(/cannot be revoked/);
  });
});

describe('control areas', () => {
  const arbStatus = fc.constantFrom(...CRITERION_STATUSES);
  const ids = ['CC1.1', 'CC1.2', 'CC6.1', 'CC6.2', 'A1.1'];

  it('gives each series its worst in-scope criterion', () => {
    expect(
      controlAreas([
        { id: 'CC1.1', status: 'met' },
        { id: 'CC1.2', status: 'met_with_exceptions' },
        { id: 'CC6.1', status: 'not_applicable' },
        { id: 'A1.1', status: 'not_met' },
      ]),
    ).toEqual([
      { series: 'CC1', status: 'met_with_exceptions' },
      { series: 'A1', status: 'not_met' },
    ]);
  });

  prop.prop([fc.array(arbStatus, { minLength: ids.length, maxLength: ids.length }), fc.nat(ids.length - 1)], { numRuns: RUNS })(
    'a criterion turning not met makes its area not met and leaves the others as they were',
    (statuses, which) => {
      const criteria = ids.map((id, i) => ({ id, status: statuses[i] ?? 'met' }));
      const worse = criteria.map((c, i) => (i === which ? { ...c, status: 'not_met' as const } : c));
      const series = (ids[which] ?? '').split('.')[0];
      const before = new Map(controlAreas(criteria).map((a) => [a.series, a.status]));
      for (const area of controlAreas(worse)) {
        expect(area.status).toBe(area.series === series ? 'not_met' : before.get(area.series));
      }
    },
  );
});
