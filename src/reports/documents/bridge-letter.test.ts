import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/index.js';
import type { Block, ReportDocument } from '../document/model.js';
import { bridgeLetter, bridgeRecords } from './bridge-letter.js';
import { documentText } from './document-text.js';
import { letterScenarioData } from './letter-testing.js';

const tables = (document: ReportDocument) =>
  document.sections.flatMap((s) => s.blocks).filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');

describe('bridge letter', () => {
  it('states for a clean engagement with nothing recorded that management knows of no material change or deficiency', () => {
    const letter = bridgeLetter(letterScenarioData('clean'), '2026-07-10');
    const text = documentText(letter);
    expect(text).toContain(
      'Our most recent SOC 2 report is the SOC 2 Type 2 report on Acme Analytics Platform for 1 January 2026 to 30 June 2026. This letter covers the time after it, from 1 July 2026 to 10 July 2026 (10 days), until our next report is issued.',
    );
    expect(text).toContain("It is management's own statement: the service auditor has not examined it, and it does not replace a SOC 2 report.");
    expect(text).toContain('Management is not aware of any material change to the system or its controls from 1 July 2026 to 10 July 2026.');
    expect(text).toContain('Management is not aware of any deficiency in the design or operation of the controls in that time.');
    expect(text).toContain('No change was recorded.');
    expect(text).toContain('No monitoring check has its latest run in this time.');
    expect(text).not.toContain('exceptions the report describes');
  });

  it('lists for a qualified engagement the changes, findings and monitoring runs after the period end up to the date, and no others', () => {
    const data = letterScenarioData('qualified');
    const records = bridgeRecords(data, '2026-09-15');
    expect(records.changes.map((c) => c.at.slice(0, 10))).toEqual(['2026-07-14', '2026-08-02']);
    expect(records.opened.map((f) => f.code)).toEqual(['F-SELF-1']);
    expect(records.closed.map((c) => [c.finding.code, c.on])).toEqual([['F-CC6-01', '2026-09-12']]);
    expect(records.monitoring.map((m) => m.check)).toEqual(['MON-CHANGES', 'MON-MFA']);

    const letter = bridgeLetter(data, '2026-09-15');
    const text = documentText(letter);
    expect(text).toContain('Other than the 2 changes listed in this letter, management is not aware of any material change to the system or its controls');
    expect(text).toContain(
      'Other than the 1 finding identified and the 1 monitoring check that found failures, listed in this letter, management is not aware of any deficiency',
    );
    expect(text).toContain('Of the 1 exception the report describes, on 15 September 2026: 1 closed after a retest, 0 still open.');
    expect(tables(letter).map((t) => t.rows)).toEqual([
      [
        ['14 July 2026', 'Control CC6-01 changed its owner to a member of staff'],
        ['2 August 2026', 'Control CC8-01 now runs on the new deployment pipeline'],
      ],
      [['Alerts from the intrusion detection system went unreviewed for a week', 'CC7.2', 'Limited', '5 August 2026', 'being analysed']],
      [['CC6-01 not effective: 4 of 25 samples deviated', '12 September 2026']],
      [
        ['Merged changes were approved', '10 September 2026', '120', '2 of 120 failed'],
        ['Every console user has MFA', '1 September 2026', '40', 'Passed'],
      ],
    ]);
    expect(text).not.toMatch(/retired|changed its frequency|Access keys are rotated|jane\.doe/);
  });

  it('tells for an adverse engagement where the exceptions stood on the date, from their histories', () => {
    const text = documentText(bridgeLetter(letterScenarioData('adverse'), '2026-09-11'));
    expect(text).toContain('Of the 3 exceptions the report describes, on 11 September 2026: 0 closed after a retest, 3 still open.');
    expect(text).toContain('No finding was closed.');
  });

  it('speaks of a Type 1 report as of its date', () => {
    const data = letterScenarioData('clean');
    const engagement = { ...data.examination.engagement, reportType: 'type1' as const, periodStart: null };
    const text = documentText(bridgeLetter({ ...data, examination: { ...data.examination, engagement } }, '2026-07-31'));
    expect(text).toContain('Our most recent SOC 2 report is the SOC 2 Type 1 report on Acme Analytics Platform as of 30 June 2026. This letter covers the time after it, from 1 July 2026 to 31 July 2026 (31 days)');
  });

  it('warns when it covers more than the usual three months', () => {
    const data = { ...letterScenarioData('clean'), generatedAt: '2026-12-31T10:00:00.000Z' };
    expect(documentText(bridgeLetter(data, '2026-09-30'))).not.toContain('usually cover up to three months');
    expect(documentText(bridgeLetter(data, '2026-12-31'))).toContain(
      'Bridge letters usually cover up to three months; this one covers 184 days, so a reader may prefer to ask for a more recent report.',
    );
  });

  it.each([
    ['2026-06-29', '2026-06-29 is not after the period end (2026-06-30)'],
    ['2026-06-30', '2026-06-30 is not after the period end (2026-06-30)'],
    ['2026-02-30', '"2026-02-30" is not a date written YYYY-MM-DD'],
    ['2026-09-16', '2026-09-16 is after the day the letter is written (2026-09-15)'],
  ])('refuses to end on %s, naming the date', (to, message) => {
    const write = () => bridgeLetter(letterScenarioData('qualified'), to);
    expect(write).toThrow(ValidationError);
    try {
      write();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([{ location: 'to', message: expect.stringContaining(message) }]);
    }
  });
});
