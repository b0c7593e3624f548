import { fc, test } from '@fast-check/vitest';
import { partialMatchKey, type QueryKey } from '@tanstack/react-query';
import { describe, expect } from 'vitest';
import { keys } from './keys.js';

const id = fc.string({ minLength: 1, maxLength: 12 });
/** Whether invalidating `prefix` reaches the query keyed `key`. */
const reaches = (prefix: QueryKey, key: QueryKey) => partialMatchKey(key, prefix);

describe('query keys', () => {
  test.prop([id, id, id, id])('a change of findings reaches every query of its part and none of the examination or the controls', (o, e, code, control) => {
    const part = keys.findingsPart(o, e);
    for (const key of [keys.finding(o, e, code), keys.findings(o, e, null), keys.rootCauses(o, e), keys.remediation(o, e), keys.afterRemediation(o, e), keys.managementResponse(o, e, code), keys.otherInformation(o, e)]) {
      expect(reaches(part, key)).toBe(true);
    }
    for (const key of [keys.examination(o, e), keys.controls(o, e, false), keys.control(o, e, control), keys.test(o, e, control), keys.settings(o, e), keys.engagements(o)]) {
      expect(reaches(part, key)).toBe(false);
    }
  });

  test.prop([id, id, id])('a change the engine reads reaches the history, the changes, the what-if and the comparison', (o, e, other) => {
    const examination = keys.examination(o, e);
    for (const key of [keys.history(o, e), keys.changes(o, e, 7), keys.whatIf(o, e), keys.comparison(o, e, other), keys.comparison(o, e, null)]) {
      expect(reaches(examination, key)).toBe(true);
    }
    expect(reaches(examination, keys.findingsPart(o, e))).toBe(false);
  });

  test.prop([id, id, id, id])('nothing of one engagement or organisation reaches another', (o, e, other, control) => {
    fc.pre(o !== other && e !== other);
    expect(reaches(keys.engagement(o, e), keys.control(o, other, control))).toBe(false);
    expect(reaches(keys.organization(o), keys.members(other))).toBe(false);
    expect(reaches(keys.controls(o, e), keys.controls(o, e, true))).toBe(true);
    expect(reaches(keys.controls(o, e), keys.controls(o, e, false))).toBe(true);
  });
});
