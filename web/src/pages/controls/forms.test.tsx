import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { changesFrom, fieldErrorsOf, newControlValues, ownerNote, toControlInput, validateControl, valuesOf } from './control-form.js';
import { validateSample } from './AddSampleForm.js';
import { validateResultChange } from './ChangeResultModal.js';
import { actorLabel, describeChange } from './history.js';
import { fixtureControl, fixtureHistory, fixtureTest, OWNER_EMAIL } from './testing.js';
import { mayEditTest, testRequest, testValues, validateTest } from './test-form.js';

const control = fixtureControl('AC-04', { title: 'Leavers removed', criteria: ['CC6.2'], frequency: 'event', owner: OWNER_EMAIL, version: 3 });

describe('the control form', () => {
  it('checks what the server checks, before sending', () => {
    const values = { ...newControlValues(), id: 'AC-09', title: 'MFA', criteria: ['CC6.1', 'CC99.9'], compensates: ['AC-09', 'XX-1'] };
    expect(validateControl(values, ['AC-04'])).toEqual({
      criteria: 'unknown criterion "CC99.9"',
      compensates: 'a control cannot compensate itself ("AC-09")',
    });
    expect(validateControl({ ...values, criteria: ['CC6.1'], compensates: ['XX-1'] }, ['AC-04'])).toEqual({ compensates: 'compensates an unknown control "XX-1"' });
    expect(validateControl({ ...values, id: ' AC-04 ', criteria: ['CC6.1'], compensates: [] }, ['AC-04'])).toEqual({
      id: 'A control with the id AC-04 already exists in this engagement',
    });
    // Changing a control: its own id is taken by itself, and never checked.
    expect(validateControl(valuesOf(control), ['AC-04'], 'AC-04')).toEqual({});
  });

  it('takes any owner, pointing out one that is not an email', () => {
    const values = { ...valuesOf(control), owner: 'IT operations' };
    expect(validateControl(values, ['AC-04'], 'AC-04')).toEqual({});
    expect(ownerNote(values.owner)).toMatch(/^Not an email address: nobody signs in with it/);
    expect(ownerNote('it-ops@acme.example')).toMatch(/^The owner’s email/);
    expect(validateControl({ ...values, owner: 'x'.repeat(321) }, ['AC-04'], 'AC-04')).toEqual({ owner: 'At most 320 characters' });
  });

  it('sends a trimmed control with no owner for an empty one', () => {
    expect(toControlInput({ ...newControlValues(), id: ' AC-09 ', title: ' MFA ', criteria: ['CC6.1'], owner: '  ' })).toMatchObject({
      id: 'AC-09',
      title: 'MFA',
      owner: null,
    });
  });

  it('sends only the fields that changed', () => {
    const values = { ...valuesOf(control), title: 'Leavers removed within a day', owner: '', key: true };
    expect(changesFrom(control, values)).toEqual({ title: 'Leavers removed within a day', owner: null });
    expect(changesFrom(control, valuesOf(control))).toEqual({});
  });

  it("puts the server's refusal back on the fields", () => {
    const error = new ApiError(422, {
      type: 'https://assay.dev/problems/422',
      title: 'Unprocessable content',
      status: 422,
      issues: [
        { location: '$.criteria[1]', message: 'unknown criterion "CC0.1"' },
        { location: '$.id', message: 'a control with the id "AC-04" already exists in this engagement' },
        { location: '$.version', message: 'stale' },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual({
      criteria: 'unknown criterion "CC0.1"',
      id: 'a control with the id "AC-04" already exists in this engagement',
    });
  });
});

describe('the test form', () => {
  const test = fixtureTest();
  const auditor = { record: true, evidence: false };
  const owner = { record: false, evidence: true };
  const compliance = { record: true, evidence: true };

  it('opens a new test only for whoever may state its population too', () => {
    expect(mayEditTest(null, auditor)).toBe(false);
    expect(mayEditTest(null, compliance)).toBe(true);
    expect(mayEditTest(test, auditor)).toBe(true);
    expect(mayEditTest(test, owner)).toBe(true);
    expect(mayEditTest(test, { record: false, evidence: false })).toBe(false);
  });

  it('sends a changed method as the whole test, keeping the samples, those not yet tested and the population the auditor may not touch', () => {
    const values = { ...testValues(test), method: 'reperformance' as const, populationSize: 10 };
    expect(testRequest({ ...test, untested: ['N-1'] }, values, auditor)).toEqual({
      kind: 'put',
      test: { version: 4, method: 'reperformance', populationSize: 42, scopeLimitation: null, samples: test.samples, untested: ['N-1'] },
    });
  });

  it('sends a changed population alone to the population route', () => {
    const values = { ...testValues(test), populationSize: '' as const, scopeLimitation: ' HR could not export it ' };
    expect(testRequest(test, values, owner)).toEqual({
      kind: 'population',
      version: 4,
      evidence: { populationSize: null, scopeLimitation: 'HR could not export it' },
    });
    expect(testRequest(test, testValues(test), compliance)).toEqual({ kind: 'none' });
    expect(testRequest(null, { method: 'inquiry', populationSize: 12, scopeLimitation: '' }, compliance)).toEqual({
      kind: 'put',
      test: { method: 'inquiry', populationSize: 12, scopeLimitation: null, samples: [] },
    });
  });

  it('asks for a population or a scope limitation, never smaller than the samples', () => {
    expect(validateTest({ method: 'inspection', populationSize: '', scopeLimitation: ' ' }, null)).toEqual({
      populationSize: 'the population size is required, or a scope limitation saying why the population could not be produced',
    });
    expect(validateTest({ method: 'inspection', populationSize: 3, scopeLimitation: '' }, test).populationSize).toBe('5 samples tested from a population of only 3');
    expect(validateTest({ method: 'inspection', populationSize: 5, scopeLimitation: '' }, test)).toEqual({});
  });
});

describe("a control's history in words", () => {
  it('says what changed, from what to what, and who did it', () => {
    const [sample, change] = fixtureHistory();
    expect(describeChange(sample!)).toEqual(['T-0003: result: pass → fail; note: none → Access removed 9 days late']);
    expect(describeChange(change!)).toEqual([
      'title: Leavers removed → Terminated users are deprovisioned within one business day',
      'owner: none → it-ops@acme.example',
    ]);
    expect(actorLabel({ actor: 'user:ada@acme.example', by: { kind: 'user', userId: 'u1', email: 'ada@acme.example' } })).toBe('ada@acme.example');
    const token = { kind: 'token', tokenId: '0f1e', name: 'ci', userId: 'u1', email: 'ada@acme.example' } as const;
    expect(actorLabel({ actor: 'user:ada@acme.example via token:ci (0f1e)', by: token })).toBe('ada@acme.example (API token ci)');
    // The oldest tokens' events name no person.
    expect(actorLabel({ actor: 'token:ci (0f1e)', by: { ...token, userId: null, email: null } })).toBe('API token ci');
    expect(actorLabel({ actor: 'operator:cli', by: { kind: 'operator' } })).toBe('the command line');
    // What the server could not name is shown as recorded, not guessed at.
    expect(actorLabel({ actor: 'cron', by: null })).toBe('cron');
  });

  it('writes enumerated values in their words and counts samples in words', () => {
    const [, change] = fixtureHistory();
    const frequency = { ...change!, before: { id: 'AC-04', frequency: 'quarterly', design: 'effective' }, after: { id: 'AC-04', frequency: 'semiannual', design: 'deficient' } };
    expect(describeChange(frequency)).toEqual(['frequency: Quarterly → Semiannual', 'design: effective → deficient']);
    const removed = { ...change!, type: 'test.removed', before: { method: 'inspection', samples: [{ item: 'T-1', result: 'fail' }] }, after: null };
    expect(describeChange(removed)).toEqual(['had 1 sample (1 failed)']);
  });

  it('says so when the list left an event\'s states out for their size', () => {
    const [sample] = fixtureHistory();
    const changed = { ...sample!, after: { ...(sample!.after as object), reason: 'Ticket closed before removal' } };
    expect(describeChange(changed)).toEqual(['T-0003: result: pass → fail; note: none → Access removed 9 days late', 'reason: Ticket closed before removal']);
    expect(describeChange({ ...sample!, before: null, after: null, payloadOmitted: true })).toEqual(['(too large to show in the list: the audit log keeps it whole)']);
  });

  it('summarises a recorded test by its samples', () => {
    const before = fixtureTest();
    const after = { ...before, populationSize: 40, samples: before.samples.slice(0, 2) };
    const event = { seq: 1, occurredAt: '2026-01-01T00:00:00.000Z', actor: 'operator:cli', by: { kind: 'operator' } as const, subject: 'test:x' };
    expect(describeChange({ ...event, type: 'test.recorded', before: null, after: before })).toEqual(['inspection, population 42, 5 samples (1 failed)']);
    expect(describeChange({ ...event, type: 'test.recorded', before, after })).toEqual([
      'population: 42 → 40',
      'samples: 5 samples (1 failed) → 2 samples',
    ]);
    const superseded = { ...event, type: 'test.superseded', before, after: { ...after, samples: [], reason: 'Redesigned in May' } };
    expect(describeChange(superseded)).toEqual([
      'reason: Redesigned in May',
      'the previous version had 5 samples (1 failed): T-0001 pass, T-0002 pass, T-0003 fail, T-0004 pass, T-0005 pass',
    ]);
    expect(describeChange({ ...event, type: 'population.recorded', before: { populationSize: 42, scopeLimitation: null }, after: { populationSize: null, scopeLimitation: 'Not produced' } })).toEqual([
      'population: 42 → none',
      'scope limitation: none → Not produced',
    ]);
  });
});

describe("a sample's result in the forms", () => {
  const test = { ...fixtureTest(), populationSize: 6, untested: ['N-1'] };
  it('never pre-marks a result, asks a fail for its note, and records the result of an item not yet tested within the population', () => {
    expect(validateSample({ item: 'N-1', result: '', note: '' }, test)).toEqual({ result: 'Choose the result: pass or fail' });
    expect(validateSample({ item: 'N-2', result: 'fail', note: ' ' }, test)).toEqual({
      item: 'the population has 6 items and 6 are sampled already',
      note: 'a failed sample needs a note saying what deviated',
    });
    expect(validateSample({ item: 'N-1', result: 'fail', note: 'Late' }, test)).toEqual({});
    expect(validateSample({ item: 'N-2', result: 'pass', note: '' }, test)).toEqual({ item: 'the population has 6 items and 6 are sampled already' });
  });

  it('asks a changed result for its reason', () => {
    const [passed] = fixtureTest().samples;
    expect(validateResultChange(passed!, 'fail', { note: '', reason: '' })).toEqual({
      note: 'Say what deviated: a failed sample needs a note',
      reason: 'Say why the recorded result changes: it goes into the control’s history',
    });
    expect(validateResultChange(passed!, 'fail', { note: 'Late', reason: 'Re-inspected' })).toEqual({});
  });
});
