import { describe, expect, it } from 'vitest';
import { jsonPath, locateProblems, within } from '../problems.js';
import { completionProblems, correctiveActionProblems } from './action-rules.js';

describe('corrective action rules', () => {
  it('takes an action done exactly when it has its completion date', () => {
    expect(completionProblems({ status: 'done', completedOn: '2026-08-01' })).toEqual([]);
    expect(completionProblems({ status: 'planned', completedOn: null })).toEqual([]);
    expect(completionProblems({ status: undefined, completedOn: undefined })).toEqual([]);
    expect(completionProblems({ status: 'done', completedOn: '' })).toEqual([
      { path: ['completedOn'], message: 'a done action needs the date it was completed (completedOn)' },
    ]);
    expect(completionProblems({ status: 'in_progress', completedOn: '2026-08-01' })).toEqual([
      { path: ['completedOn'], message: 'completedOn is set but the action is in progress, not done' },
    ]);
  });

  it('names a repeated id and each inconsistent action at its place in the list', () => {
    const actions = [
      { id: 'CA-1', status: 'done', completedOn: null },
      { id: 'CA-2', status: 'planned', completedOn: null },
      { id: 'CA-1', status: undefined, completedOn: '2026-08-01' },
    ];
    expect(locateProblems(within(['actions'], correctiveActionProblems(actions)), jsonPath)).toEqual([
      { location: '$.actions[0].completedOn', message: 'a done action needs the date it was completed (completedOn)' },
      { location: '$.actions[2].id', message: 'action id "CA-1" appears twice (first at $.actions[0].id)' },
      { location: '$.actions[2].completedOn', message: 'completedOn is set but the action is planned, not done' },
    ]);
  });
});
