import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { engagementRoot, controlPage, findingPage } from '../paths.js';
import { engagementApi, withQuery } from './paths.js';

/** Ids as people write them, slashes, spaces, `?`, `#` and `%` included. */
const id = fc.string({ minLength: 1, maxLength: 20 });

describe('addresses', () => {
  test.prop([id, id, id])('every segment is encoded once: the id comes back whole from its own segment', (o, e, control) => {
    const url = engagementApi(o, e).sample(control, control);
    const segments = url.split('/');
    expect(segments).toHaveLength(10);
    expect(decodeURIComponent(segments[2] as string)).toBe(o);
    expect(decodeURIComponent(segments[4] as string)).toBe(e);
    expect(decodeURIComponent(segments[6] as string)).toBe(control);
    expect(decodeURIComponent(segments[9] as string)).toBe(control);
    const page = controlPage(engagementRoot(o, e), control).split('/');
    expect(page.map((s) => decodeURIComponent(s))).toEqual(['', 'o', o, 'e', e, 'controls', control]);
  });

  it('writes the ids the API and the pages know as they are', () => {
    expect(engagementApi('org-1', 'eng-1').test('IT/01')).toBe('/organizations/org-1/engagements/eng-1/controls/IT%2F01/test');
    expect(findingPage(engagementRoot('org-1', 'eng-1'), 'F-1')).toBe('/o/org-1/e/eng-1/findings/F-1');
  });

  it('adds the query values given, encoded, after any the path has', () => {
    expect(withQuery('/a', { status: null, control: undefined })).toBe('/a');
    expect(withQuery('/a', { with: 'x&y', limit: 10 })).toBe('/a?with=x%26y&limit=10');
    expect(withQuery('/a?archived=only', { limit: 1000, offset: 0 })).toBe('/a?archived=only&limit=1000&offset=0');
  });
});
