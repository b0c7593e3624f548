import { describe, expect, it } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { examine } from '../evaluation/examine.js';
import { buildControl, buildExamination } from '../testing/builders.js';
import { buildFinding } from '../findings/testing.js';
import { descriptionMisstatements, descriptionWarnings, significantIncidents, type IncidentCandidate } from './checks.js';
import { withDescription } from './examination.js';
import { descriptionProblems } from './validation.js';
import { jsonPath } from '../problems.js';
import { emptyDescription, type DisclosedIncident, type SystemDescription } from './model.js';
import { buildDescription } from './testing.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);
const CONTROLS = [buildControl({ id: 'AC-04', key: true }), buildControl({ id: 'AC-09', key: false })];
const marked = (code: string): IncidentCandidate => ({ ...buildFinding({ code, title: `Incident ${code}` }), significantIncident: true });
const regression = (control: string, code = `F-MON-${control}`): IncidentCandidate =>
  buildFinding({ code, source: 'monitoring', control, history: [{ on: '2026-05-01', from: 'closed', to: 'open', reason: 'fails again' }] });

describe('the completeness checks', () => {
  it('warn of nothing in a complete description', () => {
    expect(descriptionWarnings(buildDescription(), [{ criterion: 'CC6.4', reason: 'Facilities are carved out' }], [])).toEqual([]);
  });

  it('name every empty required section, each component by its kind', () => {
    const warnings = descriptionWarnings(emptyDescription(), [], []);
    expect(warnings.map((w) => [w.section, w.item])).toEqual([
      ['services', null],
      ['commitments', null],
      ['components', 'data'],
      ['components', 'infrastructure'],
      ['components', 'people'],
      ['components', 'procedures'],
      ['components', 'software'],
    ]);
    expect(warnings.every((w) => w.kind === 'empty_section')).toBe(true);
  });

  it('read a section of blanks as empty', () => {
    const warnings = descriptionWarnings(buildDescription({ services: '  ', commitments: [' '] }), [], []);
    expect(warnings.map((w) => w.section)).toEqual(['services', 'commitments']);
  });

  it('warn of a carve-out without CSOCs, not of an inclusive one', () => {
    const warnings = descriptionWarnings(
      buildDescription({
        subserviceOrganizations: [
          { name: 'Stripe', services: 'Payments', method: 'carve_out', csocs: [] },
          { name: 'Okta', services: 'Identity', method: 'inclusive', csocs: [] },
        ],
      }),
      [],
      [],
    );
    expect(warnings).toEqual([expect.objectContaining({ kind: 'carve_out_without_csocs', section: 'subservice_organizations', item: 'Stripe' })]);
    expect(warnings[0]?.message).toContain('Stripe is carved out');
  });

  it('warn of a criterion not applicable without a reason', () => {
    const warnings = descriptionWarnings(buildDescription(), [{ criterion: 'CC6.5', reason: ' ' }, { criterion: 'CC6.4', reason: 'Carved out' }], []);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'not_applicable_without_reason', item: 'CC6.5' })]);
  });

  it('warn of a significant incident the description does not disclose, and not once it is disclosed', () => {
    const incidents = significantIncidents([marked('F-7')], CONTROLS);
    expect(descriptionWarnings(buildDescription(), [], incidents)).toEqual([expect.objectContaining({ kind: 'undisclosed_incident', section: 'incidents', item: 'F-7' })]);
    const disclosed = buildDescription({ incidents: [{ finding: 'F-7', date: '2026-03-02', text: 'Outage of the ingestion pipeline' }] });
    expect(descriptionWarnings(disclosed, [], incidents)).toEqual([]);
  });
});

describe('significant incidents', () => {
  it('are the findings marked so and the monitoring regressions of key controls', () => {
    const found = significantIncidents(
      [
        marked('F-2'),
        regression('AC-04'),
        regression('AC-09'), // not a key control: the description does not rely on it alone
        buildFinding({ code: 'F-MON-X', source: 'monitoring', control: 'AC-04' }), // failing, never closed: no regression
        { ...marked('F-3'), status: 'false_positive' },
        buildFinding({ code: 'F-4' }),
      ],
      CONTROLS,
    );
    expect(found.map((i) => i.finding)).toEqual(['F-2', 'F-MON-AC-04']);
    expect(found[1]?.why).toContain('AC-04');
  });
});

describe('the description opinion', () => {
  const examination = buildExamination({ controls: CONTROLS });

  it('is qualified by an undisclosed significant incident and unmodified again once it is disclosed', () => {
    const undisclosed = withDescription(examination, buildDescription(), [marked('F-7')]);
    expect(examine(undisclosed.examination).opinion.subjects.description).toBe('qualified');
    expect(undisclosed.examination.engagement.misstatements).toEqual([{ text: 'The system description does not disclose significant incident F-7', pervasive: false }]);
    const disclosed = withDescription(examination, buildDescription({ incidents: [{ finding: 'F-7', date: null, text: 'Outage' }] }), [marked('F-7')]);
    expect(examine(disclosed.examination).opinion.subjects.description).toBe('unmodified');
  });

  it('keeps the misstatements the engagement states', () => {
    const stated = buildExamination({ controls: CONTROLS, engagement: { misstatements: [{ text: 'Stated', pervasive: true }] } });
    expect(withDescription(stated, buildDescription(), [marked('F-7')]).examination.engagement.misstatements.map((m) => m.text)).toEqual([
      'Stated',
      'The system description does not disclose significant incident F-7',
    ]);
  });

  it('is left as it is without a description', () => {
    const result = withDescription(examination, null, [marked('F-7')]);
    expect(result).toEqual({ examination, warnings: [] });
  });

  it('only undisclosed incidents are misstatements', () => {
    expect(descriptionMisstatements(descriptionWarnings(emptyDescription(), [{ criterion: 'CC6.5', reason: '' }], []))).toEqual([]);
  });
});

const arbText = fc.oneof(fc.constant(''), fc.constant(' '), fc.string({ minLength: 1, maxLength: 8 }));
const arbCodes = fc.uniqueArray(fc.integer({ min: 1, max: 30 }).map((n) => `F-${n}`), { maxLength: 8 });
const arbDescription: fc.Arbitrary<SystemDescription> = fc.record({
  services: arbText,
  commitments: fc.array(arbText, { maxLength: 3 }),
  components: fc.record({ infrastructure: arbText, software: arbText, people: arbText, procedures: arbText, data: arbText }),
  incidents: fc.constant<DisclosedIncident[]>([]),
  changes: fc.array(arbText, { maxLength: 3 }),
  subserviceOrganizations: fc.uniqueArray(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 6 }),
      services: arbText,
      method: fc.constantFrom('carve_out' as const, 'inclusive' as const),
      csocs: fc.array(fc.record({ text: arbText, criteria: fc.constant<string[]>(['CC6.4']) }), { maxLength: 2 }),
    }),
    { selector: (o) => o.name, maxLength: 4 },
  ),
  userEntityControls: fc.array(fc.record({ text: arbText, criteria: fc.constant<string[]>(['CC6.2']) }), { maxLength: 3 }),
});
const arbNotApplicable = fc.uniqueArray(fc.record({ criterion: fc.constantFrom('CC6.4', 'CC6.5', 'A1.2'), reason: arbText }), { selector: (n) => n.criterion });

describe('laws of the completeness checks', () => {
  prop.prop([arbDescription, arbNotApplicable, arbCodes], { numRuns: RUNS })('disclosing every incident leaves no incident warning', (description, notApplicable, codes) => {
    const incidents = significantIncidents(codes.map(marked), CONTROLS);
    const disclosed = { ...description, incidents: codes.map((finding) => ({ finding, date: null, text: 'Disclosed' })) };
    expect(descriptionWarnings(disclosed, notApplicable, incidents).filter((w) => w.kind === 'undisclosed_incident')).toEqual([]);
    expect(withDescription(buildExamination({ controls: CONTROLS }), disclosed, codes.map(marked)).examination.engagement.misstatements).toEqual([]);
  });

  prop.prop([arbDescription, arbNotApplicable, arbCodes, fc.integer()], { numRuns: RUNS })(
    'the warnings never depend on the order of sections or of their items',
    (description, notApplicable, codes, seed) => {
      const shuffle = <T,>(items: readonly T[]) => [...items].map((item, i) => ({ item, key: (i * 7919 + seed) % 104729 })).sort((a, b) => a.key - b.key).map((x) => x.item);
      const reordered = {
        // Sections rebuilt with their keys in reverse order, and every list shuffled.
        ...Object.fromEntries(Object.entries(description).reverse()),
        commitments: shuffle(description.commitments),
        components: Object.fromEntries(Object.entries(description.components).reverse()) as typeof description.components,
        subserviceOrganizations: shuffle(description.subserviceOrganizations),
        userEntityControls: shuffle(description.userEntityControls),
      } as typeof description;
      const findings = codes.map(marked);
      expect(descriptionWarnings(reordered, shuffle(notApplicable), significantIncidents(shuffle(findings), CONTROLS))).toEqual(
        descriptionWarnings(description, notApplicable, significantIncidents(findings, CONTROLS)),
      );
    },
  );
});

describe('a description to record', () => {
  const inScope = new Set(['CC6.2', 'CC6.4']);
  it('names each criterion outside the scope, each repeated organisation and each unknown or repeated finding where it stands', () => {
    const problems = descriptionProblems(
      buildDescription({
        subserviceOrganizations: [
          { name: 'AWS', services: 'Hosting', method: 'carve_out', csocs: [{ text: 'Physical access', criteria: ['CC6.4', 'A1.2'] }] },
          { name: 'AWS ', services: 'Backups', method: 'inclusive', csocs: [] },
        ],
        userEntityControls: [{ text: 'Leavers', criteria: ['CC99'] }],
        incidents: [
          { finding: 'F-1', date: null, text: 'Outage' },
          { finding: 'F-1', date: null, text: 'Again' },
          { finding: 'F-9', date: null, text: 'Unknown' },
          { finding: null, date: null, text: 'Not a finding' },
        ],
      }),
      inScope,
      new Set(['F-1']),
    );
    expect(problems.map((p) => [jsonPath(p.path), p.message])).toEqual([
      ['$.subserviceOrganizations[0].csocs[0].criteria[1]', 'criterion "A1.2" is not in the chosen categories'],
      ['$.subserviceOrganizations[1].name', 'this subservice organisation is already described'],
      ['$.userEntityControls[0].criteria[0]', 'unknown criterion "CC99"'],
      ['$.incidents[2].finding', 'no finding F-9 in this engagement'],
      ['$.incidents[1].finding', 'this finding is already disclosed'],
    ]);
  });

  it('finds nothing wrong with a complete description', () => {
    expect(descriptionProblems(buildDescription(), inScope, new Set())).toEqual([]);
  });
});
