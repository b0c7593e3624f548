import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { approveResponse, draftManagementResponse, editResponse, type ManagementResponse } from './management-response.js';
import { ROOT_CAUSE, buildAction, buildFinding, buildRetest, doneAction } from './testing.js';

const response = (overrides: Partial<ManagementResponse> = {}): ManagementResponse => ({
  finding: 'F-AC-04',
  whatHappened: 'What happened',
  rootCause: 'Why',
  correctiveAction: 'What was done',
  remediatedOn: null,
  status: 'draft',
  editedBy: 'writer@acme.example',
  editedOn: '2026-07-01T09:00:00.000Z',
  approvedBy: null,
  approvedOn: null,
  ...overrides,
});

describe('drafting a management response', () => {
  it("says what happened, why, what was done and when, from the finding's data", () => {
    const finding = buildFinding({
      rootCause: 'RC-1',
      correctiveActions: [doneAction('2026-08-20'), buildAction({ id: 'CA-2', title: 'Train HR on the leavers process.', status: 'in_progress', due: '2026-09-30' })],
      retests: [{ ...buildRetest(), conclusion: 'effective' }],
    });
    const draft = draftManagementResponse(finding, ROOT_CAUSE);
    expect(draft.whatHappened).toBe(
      'AC-04 not effective: 2 of 5 samples deviated. 2 items tested did not meet the control (T-7, T-11). It concerns criteria CC6.2. It was identified on 2026-06-30.',
    );
    expect(draft.rootCause).toBe('Offboarding depends on a manual ticket from HR (process). Access was removed late. IT waits for a ticket HR raises by hand.');
    expect(draft.correctiveAction).toBe(
      'Automate deprovisioning from the HR system (completed on 2026-08-20). Train HR on the leavers process (in progress, due 2026-09-30). ' +
        'A retest of AC-04 over 2026-09-01 to 2026-09-30 found it operating effectively (5 samples).',
    );
    // Not every action is done: not remediated yet.
    expect(draft.remediatedOn).toBeNull();
    expect(draftManagementResponse({ ...finding, correctiveActions: [doneAction('2026-08-20'), doneAction('2026-08-25', 'CA-2')] }, ROOT_CAUSE).remediatedOn).toBe('2026-08-25');
  });

  it('says what is still missing when the finding has no root cause or action yet', () => {
    const draft = draftManagementResponse(buildFinding({ failedSamples: [{ item: 'T-7', note: null }] }), null);
    expect(draft.whatHappened).toContain('One item tested did not meet the control (T-7).');
    expect(draft.rootCause).toBe('The root cause is being analysed.');
    expect(draft.correctiveAction).toBe('Corrective actions are being planned.');
  });
});

describe('four eyes', () => {
  it('refuses the approval to the last editor (whatever the case of the email) and to an approved response', () => {
    expect(approveResponse(response(), 'Writer@Acme.example', 'now')).toEqual({ ok: false, reasons: ['Writer@Acme.example last edited it: someone else must approve it (four eyes).'] });
    const approved = approveResponse(response(), 'lead@acme.example', '2026-07-02T00:00:00.000Z');
    expect(approved).toEqual({ ok: true, response: response({ status: 'approved', approvedBy: 'lead@acme.example', approvedOn: '2026-07-02T00:00:00.000Z' }) });
    if (approved.ok) expect(approveResponse(approved.response, 'other@acme.example', 'now').ok).toBe(false);
  });

  const email = fc.constantFrom('a@x.example', 'b@x.example', 'c@x.example');
  prop.prop([fc.array(fc.record({ edit: fc.boolean(), by: email }), { maxLength: 20 })])(
    'whatever the sequence of edits and approvals, an approved response was approved by someone other than its last editor, and an edit always needs a new approval',
    (steps) => {
      let current = response();
      for (const step of steps) {
        if (step.edit) {
          current = editResponse(current, { whatHappened: 'w', rootCause: 'r', correctiveAction: 'c', remediatedOn: null }, step.by, 'on');
          expect(current).toMatchObject({ status: 'draft', approvedBy: null, approvedOn: null, editedBy: step.by });
        } else {
          const outcome = approveResponse(current, step.by, 'on');
          if (outcome.ok) current = outcome.response;
        }
        if (current.status === 'approved') expect(current.approvedBy?.toLowerCase()).not.toBe(current.editedBy?.toLowerCase());
      }
    },
  );
});
