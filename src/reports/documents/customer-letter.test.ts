import { describe, expect, it } from 'vitest';
import type { Block, ReportDocument } from '../document/model.js';
import { customerLetter } from './customer-letter.js';
import type { ReportData } from './data.js';
import { documentText } from './document-text.js';
import { letterScenarioData } from './letter-testing.js';
import { deriveFindings, examine, type Examination } from '../../domain/index.js';
import { scenarioData, scenarioExamination } from './testing.js';

const blocks = (document: ReportDocument): Block[] => document.sections.flatMap((s) => s.blocks);
const table = (document: ReportDocument, title: string) => {
  const found = blocks(document).find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.title === title);
  if (!found) throw new Error(`no table "${title}"`);
  return found;
};

/** The letter's text on the clean engagement changed by `change`, examined again, its findings derived afresh. */
function letterOn(change: (examination: Examination) => Examination): string {
  const examination = change(scenarioExamination('clean'));
  const result = examine(examination);
  return documentText(customerLetter({ ...scenarioData('clean'), examination, result, findings: deriveFindings(result, examination) }));
}

describe('customer letter', () => {
  it('tells a clean engagement in a short letter that the report carries no exceptions', () => {
    const letter = customerLetter(letterScenarioData('clean'));
    const text = documentText(letter);
    expect(letter.sections).toHaveLength(1);
    expect(text).toContain('Acme Cloud, Inc. has received its SOC 2 Type 2 report on Acme Analytics Platform for 1 January 2026 to 30 June 2026.');
    expect(text).toContain("The service auditor's opinion is unmodified");
    expect(text).toContain('The report carries no exceptions');
    expect(text).toContain('Management of Acme Cloud, Inc., 15 September 2026');
  });

  it('tells a qualified engagement each exception in plain words, with its cause, its actions and its retest', () => {
    const letter = customerLetter(letterScenarioData('qualified'));
    const text = documentText(letter);
    expect(text).toContain("The service auditor's opinion is qualified");
    expect(text).toContain('The report describes 1 exception.');
    expect(table(letter, 'The exceptions at a glance').rows).toEqual([
      ['1. The CC6 key control operates as designed', expect.stringContaining('CC6.1'), 'Material', 'closed: the correction was proven by a retest'],
    ]);
    expect(text).toContain('In 4 of the 25 days the service auditor inspected, the control did not operate as described.');
    expect(text).toContain('The review was not signed off');
    expect(text).toContain("How serious: Material: the criteria it supports were not met, which is why the report's opinion is modified.");
    expect(text).toContain('Why it happened: Offboarding depends on a manual ticket from HR. The cause lies in process: how the work was organised.');
    expect(table(letter, 'What we are doing about it').rows).toEqual([['Automate deprovisioning from the HR system', 'Done', 'Completed 20 August 2026']]);
    expect(text).toContain(
      'Retested on 12 September 2026, over 21 August 2026 to 10 September 2026: none of the 21 days tested deviated, so the control now operates effectively.',
    );
    // The auditor's terms stay out of a customer's letter.
    expect(text).not.toMatch(/UDL|upper deviation limit|Clopper|material_weakness|not_effective/);
  });

  it('tells an adverse engagement every exception, a late action as overdue and an unretested control as such', () => {
    const letter = customerLetter(letterScenarioData('adverse'));
    const text = documentText(letter);
    expect(text).toContain("The service auditor's opinion is adverse");
    expect(table(letter, 'The exceptions at a glance').rows.map((r) => [r[0], r[3]])).toEqual([
      ['1. The CC6 key control operates as designed', 'closed: the correction was proven by a retest'],
      ['2. The CC7 key control operates as designed', 'being corrected'],
      ['3. The CC8 key control operates as designed', 'being corrected'],
    ]);
    expect(text).toContain('Automate deprovisioning from the HR system | Planned, overdue | Due 31 August 2026');
    expect(text).toContain('The deployment pipeline let a change through without its approval. The cause lies in technology: a system or tool did not work as intended.');
    expect(text.match(/No retest has been performed yet\./g)).toHaveLength(2);
    // A weakness found after the period is not one of the report's exceptions.
    expect(text).not.toContain('intrusion detection');
  });

  it('leaves out an exception closed as a false positive and tells one not followed up yet', () => {
    const data = letterScenarioData('adverse');
    const [first, second, ...rest] = data.findings;
    const letter = customerLetter({ ...data, findings: [{ ...first!, status: 'false_positive' }, ...rest] });
    const rows = table(letter, 'The exceptions at a glance').rows;
    expect(rows.map((r) => r[0])).toEqual(['1. The CC7 key control operates as designed', '2. The CC8 key control operates as designed']);
    expect(second!.code).toBe('F-CC7-01');
    expect(rows[0]![3]).toBe('follow-up not recorded yet');
  });

  it('tells a control deficient in design and criteria no control addressed, without a sample count', () => {
    const text = letterOn((base) => ({
      ...base,
      controls: base.controls.filter((c) => c.id !== 'CC9-01').map((c) => (c.id === 'CC8-01' ? { ...c, design: 'deficient' as const } : c)),
      tests: base.tests.filter((t) => t.control !== 'CC9-01'),
    }));
    for (const statement of [
      '1. The CC8 key control operates as designed',
      'As designed, the control could not meet its objective, whether or not it operated.',
      '2. No control addressed CC9.1',
      'No control addressed criteria CC9.2 during the period.',
      'Corrective actions are being planned.',
      'Why it happened: The cause is still being analysed.',
    ]) {
      expect(text).toContain(statement);
    }
  });

  it('tells the matters behind a modified opinion that are no exception of a test', () => {
    const text = letterOn((base) => ({
      ...base,
      engagement: { ...base.engagement, misstatements: [{ text: 'An incident in March is not disclosed', pervasive: false }] },
      tests: base.tests.map((t) => (t.control === 'CC9-01' ? { ...t, scopeLimitation: 'The vendor list could not be produced' } : t)),
    }));
    expect(text).toMatch(
      /The service auditor's opinion is qualified[^]*the opinion rests on these matters:\nThe description of the system was misstated: An incident in March is not disclosed\.\nThe service auditor could not conclude on criteria CC9\.1, CC9\.2, because the evidence needed was not available\.[^]*The report carries no exceptions/,
    );
  });

  describe('names no internal person', () => {
    const leaky = (): ReportData => {
      const data = letterScenarioData('adverse');
      const [first, second, ...rest] = data.findings;
      return {
        ...data,
        findings: [
          {
            ...first!,
            failedSamples: [{ item: 'D-1', note: 'Not signed off: priya.patel@acme.example was on leave' }],
            correctiveActions: [
              {
                ...first!.correctiveActions[0]!,
                owner: 'jane.doe@acme.example',
                title: 'Jane Doe trains a deputy reviewer (ask jane.doe@acme.example)',
                verification: { step: 'Reperform a month', by: 'Sam Lee', on: '2026-09-01', result: 'effective', note: null },
              },
            ],
          },
          {
            ...second!,
            status: 'risk_accepted',
            riskAcceptance: { approver: 'Chris Wong', reason: 'Accepted by Chris Wong until the new tool is live', expires: '2026-12-31', acceptedOn: '2026-09-01' },
          },
          ...rest,
        ],
      };
    };

    it('withholds owners, approvers, verifiers and any e-mail address the free text carries', () => {
      const text = documentText(customerLetter(leaky()));
      for (const name of ['@', 'jane.doe', 'Jane Doe', 'priya.patel', 'Chris Wong', 'Sam Lee', 'cfo', 'compliance@']) {
        expect(text, name).not.toContain(name);
      }
      expect(text).toContain('a member of staff trains a deputy reviewer (ask a member of staff)');
      expect(text).toContain('Not signed off: a member of staff was on leave');
      expect(text).toContain('Accepted by a member of staff until the new tool is live');
    });

    it('prints a name the organisation published', () => {
      const text = documentText(customerLetter({ ...leaky(), publishedNames: ['Chris Wong', 'jane.doe@acme.example'] }));
      expect(text).toContain('Accepted by Chris Wong until the new tool is live');
      expect(text).toContain('Jane Doe trains a deputy reviewer (ask jane.doe@acme.example)');
      expect(text).not.toContain('priya.patel');
    });
  });
});
