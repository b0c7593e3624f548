import { describe, expect, it } from 'vitest';
import { buildAction, buildFinding, doneAction } from '../findings/testing.js';
import { actionStanding, countActions, plannedActions } from './actions.js';
import { MAX_BURNDOWN_POINTS, burndown, burndownDates } from './burndown.js';
import { addDays, daysBetween } from '../dates.js';
import { checkPlan, DEFAULT_PLAN, maskWebhookUrl } from './plan.js';
import { REMINDER_TYPE, reminderPayload } from './reminder.js';

const TODAY = '2026-08-15';

describe('actionStanding', () => {
  it('tells overdue, due soon (today included), on track, done and undated apart', () => {
    expect(actionStanding({ status: 'planned', due: '2026-08-10' }, TODAY, 14)).toEqual({ state: 'overdue', daysLate: 5, daysLeft: null });
    expect(actionStanding({ status: 'in_progress', due: TODAY }, TODAY, 14)).toEqual({ state: 'due_soon', daysLate: null, daysLeft: 0 });
    expect(actionStanding({ status: 'planned', due: '2026-08-29' }, TODAY, 14)).toEqual({ state: 'due_soon', daysLate: null, daysLeft: 14 });
    expect(actionStanding({ status: 'planned', due: '2026-08-30' }, TODAY, 14)).toEqual({ state: 'on_track', daysLate: null, daysLeft: 15 });
    // Done is done, even when it was completed late.
    expect(actionStanding({ status: 'done', due: '2026-01-01' }, TODAY, 14).state).toBe('done');
    expect(actionStanding({ status: 'planned', due: null }, TODAY, 14).state).toBe('undated');
  });
});

describe('plannedActions', () => {
  it('lists the actions of every finding but false positives, soonest due first, undated last', () => {
    const findings = [
      buildFinding({ code: 'F-AC-04', correctiveActions: [buildAction({ id: 'CA-1', due: '2026-09-30' }), buildAction({ id: 'CA-2', due: null, owner: null })] }),
      buildFinding({ code: 'F-CM-01', title: 'Changes unapproved', correctiveActions: [buildAction({ id: 'CA-1', due: '2026-08-01' })] }),
      buildFinding({ code: 'F-X', status: 'false_positive', correctiveActions: [buildAction({ id: 'CA-9', due: '2026-07-01' })] }),
    ];
    const planned = plannedActions(findings, TODAY, 14);
    expect(planned.map((p) => `${p.finding}/${p.action.id}/${p.state}`)).toEqual(['F-CM-01/CA-1/overdue', 'F-AC-04/CA-1/on_track', 'F-AC-04/CA-2/undated']);
    expect(planned[0]).toMatchObject({ findingTitle: 'Changes unapproved', daysLate: 14 });
    expect(countActions(planned)).toEqual({ total: 3, done: 0, overdue: 1, dueSoon: 0 });
  });
});

describe('burndown', () => {
  const findings = [
    buildFinding({
      identifiedOn: '2026-07-01',
      correctiveActions: [doneAction('2026-07-10', 'CA-1'), buildAction({ id: 'CA-2', due: '2026-08-31' }), buildAction({ id: 'CA-3', due: '2026-07-31' })],
    }),
  ];

  it('runs from the earliest identification to the target, remaining known up to today, ideal straight to 0', () => {
    const chart = burndown(findings, '2026-07-20', '2026-07-31');
    expect(chart.start).toBe('2026-07-01');
    expect(chart.target).toBe('2026-07-31');
    expect(chart.points).toHaveLength(31);
    expect(chart.points[0]).toEqual({ date: '2026-07-01', remaining: 3, ideal: 3 });
    expect(chart.points.find((p) => p.date === '2026-07-10')).toMatchObject({ remaining: 2 });
    expect(chart.points.find((p) => p.date === '2026-07-16')).toEqual({ date: '2026-07-16', remaining: 2, ideal: 1.5 });
    expect(chart.points.find((p) => p.date === '2026-07-21')).toMatchObject({ remaining: null });
    expect(chart.points.at(-1)).toEqual({ date: '2026-07-31', remaining: null, ideal: 0 });
  });

  it('takes the latest due date as the target when the plan sets none, and goes on past the target while work remains', () => {
    const chart = burndown(findings, '2026-09-10', null);
    expect(chart.target).toBe('2026-08-31');
    expect(chart.points.at(-1)).toEqual({ date: '2026-09-10', remaining: 2, ideal: 0 });
    expect(chart.points.find((p) => p.date === '2026-08-31')).toMatchObject({ ideal: 0 });
  });

  it('never stretches the axis past today and the target, whatever date a completion claims', () => {
    const claimed = [buildFinding({ identifiedOn: '2026-07-01', correctiveActions: [doneAction('2031-01-01', 'CA-1'), buildAction({ id: 'CA-2', due: '2026-07-31' })] })];
    const chart = burndown(claimed, '2026-08-10', '2026-07-31');
    expect(chart.points.at(-1)).toEqual({ date: '2026-08-10', remaining: 2, ideal: 0 });
    expect(burndown(claimed, '2026-07-20', '2026-07-31').points.at(-1)?.date).toBe('2026-07-31');
  });

  it('starts at the earliest due date when no finding says when it was identified, and has no ideal without any date to aim at', () => {
    const undated = [buildFinding({ identifiedOn: null, correctiveActions: [buildAction({ due: '2026-08-20' })] })];
    expect(burndown(undated, TODAY, null).start).toBe('2026-08-20');
    const noDates = [buildFinding({ identifiedOn: '2026-08-01', correctiveActions: [buildAction({ due: null })] })];
    const chart = burndown(noDates, TODAY, null);
    expect(chart.target).toBeNull();
    expect(chart.points.every((p) => p.ideal === null)).toBe(true);
    expect(chart.points.at(-1)).toEqual({ date: TODAY, remaining: 1, ideal: null });
  });

  it('is empty without actions, and leaves false positives out', () => {
    expect(burndown([buildFinding()], TODAY, '2026-12-31')).toEqual({ start: null, target: '2026-12-31', points: [] });
    expect(burndown([buildFinding({ status: 'false_positive', correctiveActions: [buildAction()] })], TODAY, null).points).toEqual([]);
  });

  it('draws a long plan per week or coarser, never more than the cap, keeping start, target, today and end', () => {
    const dates = burndownDates('2026-01-01', '2027-12-31', ['2027-06-30', '2026-08-15']);
    expect(dates.length).toBeLessThanOrEqual(MAX_BURNDOWN_POINTS);
    expect(dates[0]).toBe('2026-01-01');
    expect(dates.at(-1)).toBe('2027-12-31');
    expect(dates).toContain('2027-06-30');
    expect(dates).toContain('2026-08-15');
    expect(daysBetween(dates[0] as string, dates[1] as string)).toBeGreaterThanOrEqual(7);
  });
});

describe('the plan', () => {
  it('accepts http(s) webhooks and names what is wrong with others at their JSON path', () => {
    expect(checkPlan({ ...DEFAULT_PLAN, webhookUrl: 'https://hooks.example.com/a/b' })).toEqual([]);
    expect(checkPlan({ targetDate: null, webhookUrl: 'ftp://example.com', dueSoonDays: 0 })).toEqual([
      { location: '$.webhookUrl', message: 'must be an http or https URL, not ftp' },
      { location: '$.dueSoonDays', message: 'must be a whole number of days from 1 to 90' },
    ]);
    expect(checkPlan({ ...DEFAULT_PLAN, webhookUrl: 'hooks.example.com' })[0]?.message).toMatch(/absolute URL/);
    expect(checkPlan({ ...DEFAULT_PLAN, webhookUrl: `https://example.com/${'a'.repeat(2000)}` })[0]?.message).toMatch(/at most 2000/);
    expect(checkPlan({ ...DEFAULT_PLAN, webhookUrl: 'https://user:secret@example.com/' })[0]?.message).toMatch(/user name or password/);
  });

  it('shows a webhook by its origin only to those who may not manage it', () => {
    expect(maskWebhookUrl('https://hooks.example.com/services/T0/B0/secret')).toBe('https://hooks.example.com/…');
    expect(maskWebhookUrl(null)).toBeNull();
  });
});

describe('reminderPayload', () => {
  it('lists the overdue and due-soon actions with owner, due date and finding', () => {
    const findings = [
      buildFinding({
        correctiveActions: [
          buildAction({ id: 'CA-1', due: '2026-08-01' }),
          buildAction({ id: 'CA-2', due: '2026-08-20', owner: 'sre@acme.example' }),
          buildAction({ id: 'CA-3', due: '2026-12-01' }),
          doneAction('2026-07-01', 'CA-4'),
        ],
      }),
    ];
    const payload = reminderPayload({ id: 'e-1', name: 'FY2026' }, TODAY, 14, plannedActions(findings, TODAY, 14));
    expect(payload).toMatchObject({
      type: REMINDER_TYPE,
      engagement: { id: 'e-1', name: 'FY2026' },
      today: TODAY,
      counts: { total: 4, done: 1, overdue: 1, dueSoon: 1 },
      overdue: [{ finding: 'F-AC-04', action: 'CA-1', owner: 'it-ops@acme.example', due: '2026-08-01', daysLate: 14, daysLeft: null }],
      dueSoon: [{ finding: 'F-AC-04', action: 'CA-2', owner: 'sre@acme.example', due: '2026-08-20', daysLate: null, daysLeft: 5 }],
      summary: '1 corrective action overdue, 1 due within 14 days (FY2026)',
    });
  });
});

describe('dates', () => {
  it('counts calendar days across months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });
});
