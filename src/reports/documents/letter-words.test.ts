import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { buildDocument } from './index.js';
import { letterScenarioData } from './letter-testing.js';
import { deviationSentence, longDate, nameGuard, WITHHELD } from './letter-words.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const word = fc.stringMatching(/^[a-z]{2,8}$/);
const address = fc.tuple(word, word, word).map(([a, b, c]) => `${a}.${b}@${c}.example`);
const prose = fc.array(fc.oneof(word, fc.constantFrom('The', 'review', 'was', 'late', '.', ',', '(', ')')), { maxLength: 12 }).map((w) => w.join(' '));

const data = letterScenarioData('adverse');

describe('name guard (laws)', () => {
  prop.prop([prose, address, prose], { numRuns: RUNS })('no e-mail address in the text survives unless it was published', (before, email, after) => {
    const text = `${before} ${email} ${after}`;
    expect(nameGuard(data)(text)).not.toContain('@');
    expect(nameGuard({ ...data, publishedNames: [email] })(text)).toContain(email);
  });

  prop.prop([prose], { numRuns: RUNS })('guarding twice changes nothing more than guarding once', (text) => {
    const guard = nameGuard(data);
    expect(guard(guard(text))).toBe(guard(text));
  });
});

describe('letter words', () => {
  it('keeps ordinary words that happen to be a role address', () => {
    // compliance@acme.example owns the controls: the role's word stays a word.
    expect(nameGuard(data)('The compliance team reviews access')).toBe('The compliance team reviews access');
    expect(nameGuard(data)('Mail compliance@acme.example')).toBe(`Mail ${WITHHELD}`);
  });

  it('writes dates in the organisation’s locale', () => {
    expect(longDate('2026-08-20', 'en-GB')).toBe('20 August 2026');
    expect(longDate('2026-08-20T23:30:00.000Z', 'en-US')).toBe('August 20, 2026');
  });

  it('counts the occasions that deviated in the control’s own rhythm', () => {
    expect(deviationSentence(1, 10, false, 'weekly', 'reperformance')).toBe('In 1 of the 10 weeks the service auditor reperformed, the control did not operate as described.');
    expect(deviationSentence(3, 3, true, 'event', 'inspection')).toBe(
      'In all 3 cases the service auditor inspected (every one in the period), the control did not operate as described.',
    );
    expect(deviationSentence(1, 1, false, 'annual', 'inspection')).toBe('In the one year the service auditor inspected, the control did not operate as described.');
  });

  it('writes the bridge letter up to the day the documents are generated unless told otherwise', () => {
    const qualified = letterScenarioData('qualified');
    expect(buildDocument('bridge-letter', qualified, { bridgeTo: null }).meta.subtitle).toBe('From 1 July 2026 to 15 September 2026');
    expect(buildDocument('bridge-letter', qualified, { bridgeTo: '2026-07-31' }).meta.subtitle).toBe('From 1 July 2026 to 31 July 2026');
  });
});
