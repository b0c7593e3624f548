import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { jsonPath, locateProblems, within } from '../problems.js';
import { completionProblems, correctiveActionProblems, writtenActionProblems, writtenActionsProblems, type ActionContext, type WrittenAction } from './action-rules.js';
import { ACTION_STATUSES } from './model.js';

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

describe('corrective actions as a person writes them', () => {
  const members = new Set(['ops@acme.example']);
  const context: ActionContext = { today: '2026-12-05', identifiedOn: '2026-06-30', isMember: (o) => members.has(o), dueBeforeIdentifiedConfirmed: false };
  const planned: WrittenAction = { owner: 'ops@acme.example', due: '2026-08-31', status: 'planned', completedOn: null, evidence: [] };

  it('accepts a member, a due date after the finding, a past completion date with its evidence', () => {
    expect(writtenActionProblems(planned, null, context)).toEqual([]);
    expect(writtenActionProblems({ ...planned, status: 'done', completedOn: '2026-12-05', evidence: ['CHG-1'] }, planned, context)).toEqual([]);
  });

  it('refuses an owner outside the organisation, a completion in the future and done without evidence, each at its field', () => {
    const written = { owner: 'not-an-email', due: '2026-08-31', status: 'done' as const, completedOn: '2031-01-01', evidence: [' '] };
    expect(writtenActionProblems(written, null, context)).toEqual([
      { path: ['owner'], message: 'not-an-email is not a member of the organisation' },
      { path: ['completedOn'], message: 'a completion date cannot be in the future (today is 2026-12-05)' },
      { path: ['evidence'], message: 'a done action needs its evidence of completion (a ticket, change or document)' },
    ]);
    expect(writtenActionProblems({ ...planned, owner: null }, null, context)).toEqual([{ path: ['owner'], message: 'name who owns the action: a member of the organisation' }]);
  });

  it('takes a due date before the finding was identified only when the person confirms it', () => {
    const early = { ...planned, due: '1999-01-01' };
    expect(writtenActionProblems(early, null, context)).toEqual([
      { path: ['due'], message: 'due 1999-01-01 is before the finding was identified (2026-06-30): confirm the date with a reason to keep it' },
    ]);
    expect(writtenActionProblems(early, null, { ...context, dueBeforeIdentifiedConfirmed: true })).toEqual([]);
    // A finding that does not say when it was identified has nothing to be early against.
    expect(writtenActionProblems(early, null, { ...context, identifiedOn: null })).toEqual([]);
  });

  it('places each problem at its action in the list, judging an action against its own earlier self by id', () => {
    const stood = [{ id: 'CA-1', ...planned, owner: 'left@acme.example' }];
    const actions = [
      { id: 'CA-1', ...planned, owner: 'left@acme.example', title: 'kept' },
      { id: 'CA-2', ...planned, owner: 'left@acme.example' },
    ];
    expect(locateProblems(within(['actions'], writtenActionsProblems(actions, stood, context)), jsonPath)).toEqual([
      { location: '$.actions[1].owner', message: 'left@acme.example is not a member of the organisation' },
    ]);
  });

  const anyAction = fc.record({
    owner: fc.option(fc.constantFrom('ops@acme.example', 'not-an-email', '')),
    due: fc.option(fc.constantFrom('1999-01-01', '2026-06-29', '2026-06-30', '2027-01-01')),
    status: fc.constantFrom(...ACTION_STATUSES),
    completedOn: fc.option(fc.constantFrom('2026-01-01', '2026-12-05', '2031-01-01')),
    evidence: fc.array(fc.constantFrom('', 'CHG-1'), { maxLength: 2 }),
  });

  test.prop([anyAction])('never refuses what a change leaves as it stood', (action) => {
    expect(writtenActionProblems(action, action, context)).toEqual([]);
  });

  test.prop([anyAction, fc.boolean()])('a confirmation only ever removes the due-date problem', (action, confirmed) => {
    const without = writtenActionProblems(action, null, { ...context, dueBeforeIdentifiedConfirmed: false });
    const withIt = writtenActionProblems(action, null, { ...context, dueBeforeIdentifiedConfirmed: confirmed });
    expect(withIt).toEqual(confirmed ? without.filter((p) => p.path[0] !== 'due') : without);
  });
});
