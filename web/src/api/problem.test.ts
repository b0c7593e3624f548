/** The server's validation issues placed on form fields and said in words, never as raw `$` paths. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ApiError, describeProblem, type Problem } from './client.js';
import { describeIssue, issueMessage, issuePath, placeIssues, refusalOf } from './problem.js';

const problem = (issues: Problem['issues'], detail = 'The request body is not valid'): Problem => ({
  type: 'https://assay.dev/problems/400',
  title: 'Bad Request',
  status: 400,
  detail,
  issues,
});

const segment = fc.oneof(fc.stringMatching(/^[a-zA-Z]\w{0,11}$/), fc.nat({ max: 999 }));

describe('issuePath', () => {
  test.prop([fc.array(segment, { minLength: 1, maxLength: 5 })])('reads a JSON path as the form path of the same segments', (segments) => {
    const location = `$${segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
    expect(issuePath(location)).toBe(segments.join('.'));
  });

  it('leaves a query or address part as the server named it', () => {
    expect(issuePath('querystring.limit')).toBe('querystring.limit');
  });
});

describe('issueMessage', () => {
  it.each([
    ['Too big: expected string to have <=200 characters', 'at most 200 characters'],
    ['Too small: expected string to have >=1 characters', 'must not be empty'],
    ['Too small: expected string to have >=12 characters', 'at least 12 characters'],
    ['Too big: expected array to have <=100 items', 'at most 100 entries'],
    ['Too small: expected array to have >=1 items', 'at least 1 entry'],
    ['Too big: expected number to be <=0.5', 'at most 0.5'],
    ['Too small: expected number to be >=1', 'at least 1'],
    ['Invalid input: expected string, received undefined', 'required'],
    ['overlaps a period', 'overlaps a period'],
  ])('says “%s” as “%s”', (message, words) => {
    expect(issueMessage(message)).toBe(words);
  });
});

describe('placing issues on a form', () => {
  it('puts each issue on the field its path starts at, nested paths as the form names them, the rest in words', () => {
    const placed = placeIssues(
      problem([
        { location: '$.item', message: 'Too big: expected string to have <=200 characters' },
        { location: '$.misstatements[1].text', message: 'must not be empty' },
        { location: '$.misstatements[1].text', message: 'twice' },
        { location: '$.sampling.confidence', message: 'Too big: expected number to be <=0.99' },
        { location: '$.version', message: 'stale' },
      ]),
      ['item', 'misstatements', 'confidence'],
      { 'sampling.confidence': 'confidence' },
    );
    expect(placed).toEqual({
      errors: { item: 'at most 200 characters', 'misstatements.1.text': 'must not be empty; twice', confidence: 'at most 0.99' },
      other: ['version: stale'],
    });
  });

  it('places nothing from a problem without issues, or none at all', () => {
    expect(placeIssues(problem(undefined), ['item'])).toEqual({ errors: {}, other: [] });
    expect(placeIssues(null, ['item'])).toEqual({ errors: {}, other: [] });
  });

  it('heads a refusal with the server’s summary, the issues being told where they belong', () => {
    const error = new ApiError(400, problem([{ location: '$.item', message: 'Too big: expected string to have <=200 characters' }]));
    expect(refusalOf(error, ['item'])).toEqual({ errors: { item: 'at most 200 characters' }, message: 'The request body is not valid', other: [] });
    expect(refusalOf(new Error('Failed to fetch'), ['item'])).toEqual({ errors: {}, message: 'Failed to fetch', other: [] });
  });
});

describe('a refusal told in a toast', () => {
  // The message is the server's own words, shown as they are: only the path is under test, so the message has no `$`.
  test.prop([fc.array(segment, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 40 }).filter((m) => !m.includes('$'))])('never shows a raw `$` path', (segments, message) => {
    const location = `$${segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
    expect(describeProblem(422, problem([{ location, message }], 'Not valid'))).not.toContain('$.');
    expect(describeIssue({ location, message })).not.toMatch(/^\$/);
  });

  it('names an entry of a list counted from one', () => {
    expect(describeIssue({ location: '$.samples[0].item', message: 'Too big: expected string to have <=200 characters' })).toBe(
      'samples › 1 › item: at most 200 characters',
    );
    expect(describeProblem(400, problem([{ location: '$.item', message: 'Too big: expected string to have <=200 characters' }]))).toBe(
      'The request body is not valid — item: at most 200 characters',
    );
  });
});
