/**
 * Laws of codes: the next code is never one taken and comes after every numbered code taken; a list's codes
 * keep those given and give the others codes no earlier item holds.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { UniqueNames, codesInOrder, nextCode } from './codes.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const arbCode = fc.oneof(
  fc.nat(30).map((n) => `RT-${n}`),
  fc.constantFrom('RT-', 'RT-x', 'RT-01', 'F-AC-04', 'rt-3', 'RT-2-b'),
);

describe('code laws', () => {
  prop.prop([fc.array(arbCode, { maxLength: 12 })], { numRuns: RUNS })('the next code is never taken, and outnumbers every numbered one', (taken) => {
    const next = nextCode('RT', taken);
    expect(taken).not.toContain(next);
    const n = Number(next.slice(3));
    for (const code of taken) {
      const m = /^RT-(\d+)$/.exec(code);
      if (m) expect(Number(m[1])).toBeLessThan(n);
    }
  });

  prop.prop([fc.array(fc.option(arbCode, { nil: undefined }), { maxLength: 12 })], { numRuns: RUNS })(
    'codes in order keep those given and give the others a code no earlier item holds',
    (given) => {
      const codes = codesInOrder('RT', given);
      codes.forEach((code, i) => {
        if (given[i] !== undefined) expect(code).toBe(given[i]);
        else expect(codes.slice(0, i)).not.toContain(code);
      });
    },
  );
});

describe('codes', () => {
  it('counts only the codes of the prefix’s form', () => {
    expect(nextCode('F', [])).toBe('F-1');
    expect(nextCode('F', ['F-AC-04', 'F-2', 'F-10', 'F-GAP-CC6.4', 'OBS-99'])).toBe('F-11');
    expect(nextCode('CA', ['CA-1', 'CA-3'])).toBe('CA-4');
    expect(codesInOrder('RT', [undefined, 'RT-5', undefined])).toEqual(['RT-1', 'RT-5', 'RT-6']);
  });

  it('makes a name unique with the first free suffix', () => {
    const names = new UniqueNames();
    expect(['a', 'a', 'a-2', 'a', 'b'].map((base) => names.take(base))).toEqual(['a', 'a-2', 'a-2-2', 'a-3', 'b']);
  });

  prop.prop([fc.array(fc.constantFrom('a', 'a-2', 'b', 'a-3'), { maxLength: 20 })], { numRuns: RUNS })('never gives a name twice', (bases) => {
    const names = new UniqueNames();
    const taken = bases.map((base) => names.take(base));
    expect(new Set(taken).size).toBe(taken.length);
  });
});
