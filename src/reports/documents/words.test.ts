import { describe, expect, it } from 'vitest';
import { anOpinion, dateText, deviationsText, listText, NO_EXCEPTIONS, periodDates, periodPhrase, shareText } from './words.js';

describe('the documents’ wording', () => {
  it('writes a calendar date in the organisation’s locale, the day it names', () => {
    expect(dateText('2026-06-30', 'en-GB')).toBe('30 Jun 2026');
    expect(dateText('2026-06-30', 'en-US')).toBe('Jun 30, 2026');
    expect(dateText('2026-06-30', 'de-DE')).toBe('30.06.2026');
    expect(dateText('2026-09-15T23:30:00.000Z', 'en-GB')).toBe('15 Sept 2026');
    expect(dateText('not a date', 'en-GB')).toBe('not a date');
  });

  it('says the period by report type', () => {
    const type2 = { reportType: 'type2' as const, periodStart: '2026-01-01', periodEnd: '2026-06-30' };
    expect(periodDates(type2, 'en-GB')).toBe('1 Jan 2026 to 30 Jun 2026');
    expect(periodPhrase(type2, 'en-GB')).toBe('throughout the period 1 Jan 2026 to 30 Jun 2026');
    expect(periodPhrase({ reportType: 'type1', periodStart: null, periodEnd: '2026-06-30' }, 'en-GB')).toBe('as of 30 Jun 2026');
  });

  it('lists as a sentence does', () => {
    expect(listText([])).toBe('none');
    expect(listText(['CC6.1'])).toBe('CC6.1');
    expect(listText(['CC6.1', 'CC6.2'])).toBe('CC6.1 and CC6.2');
    expect(listText(['CC6.1', 'CC6.2', 'CC6.3'])).toBe('CC6.1, CC6.2 and CC6.3');
  });

  it('names the opinion with its article and a share as a percentage', () => {
    expect(anOpinion('unmodified')).toBe('an unmodified opinion');
    expect(anOpinion('qualified')).toBe('a qualified opinion');
    expect(anOpinion('disclaimer')).toBe('a disclaimer of opinion');
    expect(shareText(6 / 7)).toBe('86%');
  });

  it('states deviations with their counts and notes, and no exception only when none deviated', () => {
    const pass = (item: string) => ({ item, result: 'pass' as const, note: null });
    expect(deviationsText([pass('A'), pass('B')])).toBe(NO_EXCEPTIONS);
    expect(deviationsText([pass('A'), { item: 'B', result: 'fail', note: 'No approval\non file' }, { item: 'C', result: 'fail', note: null }])).toBe(
      '2 of 3 samples deviated: B (No approval on file); C.',
    );
    expect(deviationsText([{ item: 'A', result: 'fail', note: ' ' }])).toBe('1 of 1 sample deviated: A.');
  });
});
