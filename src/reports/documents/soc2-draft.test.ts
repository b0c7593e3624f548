import { describe, expect, it } from 'vitest';
import { deriveFindings, emptyDescription, examine, type Examination, type SystemDescription } from '../../domain/index.js';
import type { Block, ReportDocument, Section } from '../document/model.js';
import type { ReportData } from './data.js';
import { documentText, sectionText } from './document-text.js';
import { monthlyCoverageData } from './coverage-testing.js';
import { DRAFT_NOTICE, soc2Draft } from './soc2-draft.js';
import { scenarioData, type Scenario } from './testing.js';

const CC6 = ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.4', 'CC6.5', 'CC6.6', 'CC6.7', 'CC6.8'];
const CC7 = ['CC7.1', 'CC7.2', 'CC7.3', 'CC7.4', 'CC7.5'];

/** The scenario's data with its examination changed and examined again (findings and responses as they were). */
function changed(scenario: Scenario, change: (examination: Examination) => Examination): ReportData {
  const data = scenarioData(scenario);
  const examination = change(data.examination);
  return { ...data, examination, result: examine(examination) };
}

/** The examination as a Type 1 report as of its period's end. */
function asType1(examination: Examination): Examination {
  return { ...examination, engagement: { ...examination.engagement, reportType: 'type1', periodStart: null } };
}

function section(document: ReportDocument, title: RegExp): Section {
  const found = document.sections.find((s) => title.test(s.title));
  if (!found) throw new Error(`no section ${title} in ${document.sections.map((s) => s.title).join(', ')}`);
  return found;
}

function paragraphs(section: Section): string[] {
  return section.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
}

/** The paragraph under a heading, and the heading's presence. */
function under(section: Section, heading: string): string[] {
  const start = section.blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  if (start < 0) return [];
  const rest = section.blocks.slice(start + 1);
  const end = rest.findIndex((b) => b.kind === 'heading');
  return paragraphs({ title: heading, blocks: end < 0 ? rest : rest.slice(0, end) });
}

function table(section: Section, title: string): Extract<Block, { kind: 'table' }> {
  const found = section.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.title === title);
  if (!found) throw new Error(`no table ${title}`);
  return found;
}

/** The matters the auditor's report gives as its basis (the paragraphs under "Basis for …"). */
function basisMatters(document: ReportDocument): string[] {
  const report = section(document, /auditor's report/);
  const heading = report.blocks.find((b) => b.kind === 'heading' && b.text.startsWith('Basis for'));
  return heading?.kind === 'heading' ? under(report, heading.text) : [];
}

function assertionMatters(document: ReportDocument): string[] {
  return section(document, /assertion/).blocks.flatMap((b) => (b.kind === 'list' ? b.items : []));
}

describe('the SOC 2 report draft', () => {
  it.each(['clean', 'qualified', 'adverse'] as const)('is marked a draft for the service auditor on every page and in the report (%s)', (scenario) => {
    const document = soc2Draft(scenarioData(scenario));
    expect(document.meta.draftNotice).toBe(DRAFT_NOTICE);
    expect(paragraphs(section(document, /auditor's report/))[0]).toMatch(/^Draft for the service auditor\. .*not the service auditor's opinion/);
    expect(document.sections.map((s) => s.title)).toEqual([
      "Independent service auditor's report",
      "Management's assertion",
      'Description of the system',
      'Criteria, controls, tests of controls and results',
      "Other information: management's responses to exceptions",
    ]);
  });

  it('gives an unmodified opinion for a clean engagement, with no basis for modification and an unmodified assertion', () => {
    const document = soc2Draft(scenarioData('clean'));
    const [opinion] = under(section(document, /auditor's report/), 'Opinion');
    expect(opinion).toMatch(/^In our opinion, in all material respects, \(a\) the description presents Acme Analytics Platform/);
    expect(opinion).toContain('(c) the controls stated in the description operated effectively throughout the period 1 Jan 2026 to 30 Jun 2026');
    expect(sectionText(section(document, /auditor's report/))).toContain('Forecast opinion: Unmodified');
    expect(basisMatters(document)).toEqual([]);
    const assertion = sectionText(section(document, /assertion/));
    expect(assertion).toContain('We confirm, to the best of our knowledge and belief, that (a) the description presents');
    expect(assertion).not.toMatch(/except for|modification|did not|were not/);
  });

  it('gives a qualified opinion naming the failing criteria, and the assertion carries the same modification', () => {
    const document = soc2Draft(scenarioData('qualified'));
    const report = section(document, /auditor's report/);
    expect(under(report, 'Opinion')).toEqual([]);
    const [opinion] = under(report, 'Qualified opinion');
    expect(opinion).toMatch(/^In our opinion, except for the effects of the matters described in the basis for qualified opinion \(criteria CC6\.1, CC6\.2, .* and CC6\.8\), in all material respects/);
    expect(opinion).not.toContain('CC7.1');
    expect(basisMatters(document)).toEqual([
      `Control CC6-01 (The CC6 key control operates as designed) did not operate effectively; 4 of 25 samples deviated: CC6-01-22; CC6-01-23; CC6-01-24; CC6-01-25. As a result, criteria ${CC6.slice(0, -1).join(', ')} and CC6.8 were not met.`,
    ]);
    const assertion = sectionText(section(document, /assertion/));
    expect(assertion).toContain('that, except for the matters described below, (a) the description presents');
    expect(assertion).toContain('This assertion carries the same modification as the forecast qualified opinion, concerning criteria CC6.1');
    expect(assertionMatters(document)).toEqual(basisMatters(document));
  });

  it('gives an adverse opinion naming every failing criterion, and the assertion denies what the opinion denies', () => {
    const document = soc2Draft(scenarioData('adverse'));
    const [opinion] = under(section(document, /auditor's report/), 'Adverse opinion');
    for (const id of [...CC6, ...CC7, 'CC8.1']) expect(opinion).toContain(id);
    expect(opinion).toMatch(/because of the significance and pervasiveness of the matters described in the basis for adverse opinion/);
    expect(opinion).toContain('(c) the controls stated in the description did not operate effectively');
    expect(opinion).toContain('(b) the controls stated in the description were suitably designed');
    expect(basisMatters(document).map((m) => m.slice(0, 14))).toEqual(['Control CC6-01', 'Control CC7-01', 'Control CC8-01']);
    const assertion = sectionText(section(document, /assertion/));
    expect(assertion).toContain('that, because of the matters described below,');
    expect(assertion).toContain('(c) the controls stated in the description did not operate effectively');
    expect(assertion).toContain('the same modification as the forecast adverse opinion');
    expect(assertionMatters(document)).toEqual(basisMatters(document));
  });

  it('beside an adverse opinion, states a subject qualified on its own except for its matters', () => {
    const data = changed('adverse', (examination) => ({
      ...examination,
      engagement: { ...examination.engagement, misstatements: [{ text: 'A security incident in April is not described', pervasive: false }] },
    }));
    expect(data.result.opinion.subjects.description).toBe('qualified');
    const document = soc2Draft(data);
    const [opinion] = under(section(document, /auditor's report/), 'Adverse opinion');
    expect(opinion).toContain('(a) except for the matters described that concern it, the description presents Acme Analytics Platform');
    expect(opinion).toContain('(c) the controls stated in the description did not operate effectively');
    expect(basisMatters(document)[0]).toBe('The description is misstated: A security incident in April is not described.');
    expect(sectionText(section(document, /assertion/))).toContain('(a) except for the matters described that concern it, the description presents');
  });

  it('disclaims an opinion when the untested controls leave criteria it cannot conclude on, naming the scope limitation', () => {
    const data = changed('clean', (examination) => ({
      ...examination,
      tests: examination.tests.map((t) =>
        ['CC6-01', 'CC7-01', 'CC8-01'].includes(t.control) ? { ...t, scopeLimitation: 'The population of access reviews was not produced.' } : t,
      ),
    }));
    expect(data.result.opinion.overall).toBe('disclaimer');
    const document = soc2Draft(data);
    const [opinion] = under(section(document, /auditor's report/), 'Disclaimer of opinion');
    expect(opinion).toContain('no opinion is expressed');
    for (const id of [...CC6, ...CC7, 'CC8.1']) expect(opinion).toContain(id);
    expect(basisMatters(document)[0]).toMatch(/^Sufficient evidence could not be obtained about the operation of CC6-01, CC7-01 and CC8-01/);
    expect(basisMatters(document)[0]).toContain('CC6-01: The population of access reviews was not produced.');
    expect(assertionMatters(document)).toEqual(basisMatters(document));
  });

  it('names a misstated description as a basis for modification and lists it in the description', () => {
    const data = changed('clean', (examination) => ({
      ...examination,
      engagement: { ...examination.engagement, misstatements: [{ text: 'A security incident in April is not described', pervasive: false }] },
    }));
    const document = soc2Draft(data);
    expect(basisMatters(document)).toEqual(['The description is misstated: A security incident in April is not described.']);
    expect(sectionText(section(document, /Description of the system/))).toContain('Misstatements of the description\nA security incident in April is not described');
    expect(sectionText(section(document, /assertion/))).toContain('the same modification as the forecast qualified opinion:');
  });

  it('says "No exceptions noted" only for controls tested without a deviation, and states every deviation with its note', () => {
    const data = changed('qualified', (examination) => ({
      ...examination,
      tests: examination.tests.map((t) =>
        t.control === 'CC6-01' ? { ...t, samples: t.samples.map((s) => (s.item === 'CC6-01-23' ? { ...s, note: 'Review not signed off' } : s)) } : t,
      ),
    }));
    const rows = table(section(soc2Draft(data), /tests of controls/), 'Tests of controls and results').rows;
    expect(rows).toHaveLength(9);
    for (const [control, , performed, results] of rows) {
      expect(performed).toBe('Inspection of a sample of 25 items from a population of 250.');
      if (control?.startsWith('CC6-01')) {
        expect(results).toBe(
          '4 of 25 samples deviated: CC6-01-22; CC6-01-23 (Review not signed off); CC6-01-24; CC6-01-25. The deviation rate exceeds the tolerable rate: the control did not operate effectively.',
        );
      } else expect(results).toBe('No exceptions noted.');
    }
  });

  it('says a control with a deviation within the tolerable rate is effective with exceptions, never "No exceptions noted"', () => {
    const data = changed('clean', (examination) => ({
      ...examination,
      tests: examination.tests.map((t) => (t.control === 'CC1-01' ? { ...t, populationSize: 25, samples: t.samples.map((s, i) => (i === 0 ? { ...s, result: 'fail' as const } : s)) } : t)),
    }));
    expect(data.result.controls.find((c) => c.id === 'CC1-01')?.conclusion).toBe('effective_with_exceptions');
    const [row] = table(section(soc2Draft(data), /tests of controls/), 'Tests of controls and results').rows;
    expect(row?.[3]).toBe('1 of 25 samples deviated: CC1-01-1. The deviation rate is within the tolerable rate: the control is effective with exceptions.');
  });

  it('states the evidence occurrences missing in the period as deviations, as the result counts them', () => {
    const rows = table(section(soc2Draft(monthlyCoverageData()), /tests of controls/), 'Tests of controls and results').rows;
    expect(rows[0]?.[2]).toBe('Inspection of a sample of 28 items from a population of 250.');
    expect(rows[0]?.[3]).toBe(
      '3 of 28 samples deviated: 2026-04 (No evidence covers 2026-04-01 to 2026-04-30); 2026-05 (No evidence covers 2026-05-01 to 2026-05-31); 2026-06 (No evidence covers 2026-06-01 to 2026-06-30). The deviation rate exceeds the tolerable rate: the control did not operate effectively.',
    );
    expect(rows[1]?.[3]).toBe('No exceptions noted.');
  });

  it('shows the criteria met per series as a chart, the failing series in bad tone', () => {
    const chart = section(soc2Draft(scenarioData('qualified')), /tests of controls/).blocks.find((b) => b.kind === 'chart');
    expect(chart?.kind === 'chart' && chart.chart.type === 'bar' ? chart.chart.bars.map((b) => `${b.label} ${b.value} ${b.tone}`) : []).toEqual([
      'CC1 100 good',
      'CC2 100 good',
      'CC3 100 good',
      'CC4 100 good',
      'CC5 100 good',
      'CC6 0 bad',
      'CC7 100 good',
      'CC8 100 good',
      'CC9 100 good',
    ]);
  });

  it('discloses the criteria not applicable with their reasons and leaves a marked place for the narrative description', () => {
    const data = changed('clean', (examination) => ({
      ...examination,
      engagement: { ...examination.engagement, notApplicable: [{ criterion: 'CC6.4', reason: 'Facilities are the hosting provider’s (carved out).' }] },
    }));
    const description = section(soc2Draft(data), /Description of the system/);
    expect(sectionText(description)).toContain('CC6.4 | Physical access to facilities and assets restricted | Facilities are the hosting provider’s (carved out).');
    expect(sectionText(description)).toContain('Period: 1 Jan 2026 to 30 Jun 2026');
    expect(paragraphs(description)[0]).toMatch(/^To be written by the service organisation: the services provided, .*complementary user entity controls/);
  });

  it('writes the recorded description section by section, with its subservice organisations, CUECs and warnings', () => {
    const recorded: SystemDescription = {
      ...emptyDescription(),
      services: 'Hosted analytics for retailers.',
      commitments: ['Data is available 99.9% of each month.'],
      incidents: [{ finding: 'F-CC6-01', date: '2026-03-14', text: 'Reviews were skipped for a week.' }],
      subserviceOrganizations: [
        { name: 'Nimbus Cloud', services: 'Hosting', method: 'carve_out', csocs: [{ text: 'Physical access to data centres is restricted.', criteria: ['CC6.4'] }] },
      ],
      userEntityControls: [{ text: 'Customers remove their leavers from the platform.', criteria: ['CC6.2'] }],
    };
    const warning = { kind: 'empty_section', section: 'components', item: 'software', message: 'The software component is not described.' } as const;
    const described = soc2Draft({ ...scenarioData('qualified'), description: { description: recorded, warnings: [warning] } });
    const text = sectionText(section(described, /Description of the system/));
    expect(text).toContain('Hosted analytics for retailers.');
    expect(text).toContain('Data is available 99.9% of each month.');
    expect(text).toContain('14 Mar 2026 | Reviews were skipped for a week. | F-CC6-01');
    expect(text).toContain('Nimbus Cloud (Hosting), carved out');
    expect(text).toContain('Physical access to data centres is restricted. | CC6.4');
    expect(text).toContain('Customers remove their leavers from the platform. | CC6.2');
    expect(text).toContain('Software: Not written yet.');
    expect(text).toContain('Components: The software component is not described.');
    expect(text).not.toContain('No system description is recorded yet');

    const unrecorded = sectionText(section(soc2Draft({ ...scenarioData('qualified'), description: null }), /Description of the system/));
    expect(unrecorded).toContain('No system description is recorded yet');
  });

  it('quotes only approved management responses, and counts the drafts', () => {
    const data = scenarioData('adverse');
    const [approved, second] = data.findings;
    if (!approved || !second) throw new Error('the adverse scenario has three findings');
    const draft = { ...(data.responses[0] as ReportData['responses'][number]), finding: second.code, status: 'draft' as const, whatHappened: 'A draft account nobody approved.' };
    const text = sectionText(section(soc2Draft({ ...data, responses: [...data.responses, draft] }), /Other information/));
    expect(text).toContain(`${approved.code}: ${approved.title}`);
    expect(text).toContain('What happened: Four daily reviews were not performed in March.');
    expect(text).toContain('Date remediated: 20 Aug 2026');
    expect(text).not.toContain('A draft account nobody approved.');
    expect(text).not.toContain(`${second.code}: ${second.title}`);
    expect(text).toContain(`1 response awaiting approval, not included: ${second.code}.`);
  });

  it('says no response is approved yet when none is', () => {
    const data = scenarioData('qualified');
    const text = sectionText(section(soc2Draft({ ...data, responses: data.responses.map((r) => ({ ...r, status: 'draft' as const })) }), /Other information/));
    expect(text).toContain('No management response has been approved yet.');
    expect(text).not.toContain('Four daily reviews');
  });

  it('says no exception calls for a response in a clean engagement', () => {
    const text = sectionText(section(soc2Draft(scenarioData('clean')), /Other information/));
    expect(text).toContain('No exception calls for a response.');
    expect(text).not.toContain('approved');
  });

  it('in a Type 1 report says nothing of operating effectiveness, tests or samples, only of design', () => {
    const data = changed('qualified', (examination) => ({
      ...asType1(examination),
      controls: examination.controls.map((c) => (c.id === 'CC6-01' ? { ...c, design: 'deficient' as const } : c)),
    }));
    // Type 1 findings are the design deficiency's, from the Type 1 result.
    const document = soc2Draft({ ...data, findings: deriveFindings(data.result, data.examination), responses: [] });
    const text = documentText(document);
    expect(document.meta.title).toBe('SOC 2 Type 1 report (draft)');
    expect(text).toContain('CC6-01: The CC6 key control operates as designed');
    expect(text).not.toMatch(/operat(ed|ing|ion)\b|operate effectively|not effective/i);
    expect(text).not.toMatch(/sample|deviat|tests? of controls|exceptions noted/i);
    expect(text).toContain('as of 30 Jun 2026');
    const [opinion] = under(section(document, /auditor's report/), 'Qualified opinion');
    expect(opinion).toContain('(a) the description presents Acme Analytics Platform as designed and implemented as of 30 Jun 2026, in accordance with the description criteria; and (b) the controls');
    expect(basisMatters(document)).toEqual([
      `Control CC6-01 (The CC6 key control operates as designed) was not suitably designed: criteria ${CC6.slice(0, -1).join(', ')} and CC6.8 were not met.`,
    ]);
    const controls = table(section(document, /Criteria and controls/), 'Controls').rows;
    expect(controls.map((r) => r[2])).toEqual(controls.map((r) => (r[0]?.startsWith('CC6-01') ? 'Not suitably designed.' : 'Suitably designed.')));
  });
});
