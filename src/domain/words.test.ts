import { describe, expect, it } from 'vitest';
import { articleFor, counted, nounFor, pluralOf, withArticle } from './words.js';

describe('words', () => {
  it.each([
    ['adverse opinion', 'an adverse opinion'],
    ['qualified opinion', 'a qualified opinion'],
    ['unmodified opinion', 'an unmodified opinion'],
    ['disclaimer of opinion', 'a disclaimer of opinion'],
    ['effective control', 'an effective control'],
    ['user', 'a user'],
    ['unique id', 'a unique id'],
    ['hour', 'an hour'],
    ['one-off review', 'a one-off review'],
    ['material weakness', 'a material weakness'],
    ['item', 'an item'],
  ])('%s takes its article by sound: %s', (phrase, expected) => {
    expect(withArticle(phrase)).toBe(expected);
  });

  it.each([
    ['sample', 'samples'],
    ['criterion', 'criteria'],
    ['deficiency', 'deficiencies'],
    ['material weakness', 'material weaknesses'],
    ['corrective action', 'corrective actions'],
    ['day', 'days'],
    ['root cause analysis', 'root cause analyses'],
    ['person', 'people'],
  ])('the plural of %s is %s', (noun, plural) => {
    expect(pluralOf(noun)).toBe(plural);
  });

  it('counts with the noun in the number the count asks for', () => {
    expect(counted(0, 'sample')).toBe('0 samples');
    expect(counted(1, 'sample')).toBe('1 sample');
    expect(counted(2, 'criterion')).toBe('2 criteria');
    expect(counted(1200, 'sample')).toBe('1,200 samples');
    expect(counted(2, 'session', 'other sessions')).toBe('2 other sessions');
    expect(nounFor(1, 'finding')).toBe('finding');
    expect(nounFor(3, 'finding')).toBe('findings');
    expect(articleFor(' adverse')).toBe('an');
  });
});
