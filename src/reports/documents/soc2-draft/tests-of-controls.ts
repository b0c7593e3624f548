/**
 * The criteria, the controls, and (Type 2) the tests performed and their results: per control the method, the
 * population and the sample, and "No exceptions noted" or every deviation with its note (reference §3: every
 * deviation is reported, and remediation later in the period never erases one). A Type 1 report tests no
 * operation, so it lists the controls and the suitability of their design only.
 */
import type { ControlResult, ControlTest, ExaminationResult } from '../../../domain/index.js';
import { words } from '../../../domain/index.js';
import type { Block, Section } from '../../document/model.js';
import type { ReportData } from '../data.js';
import { seriesChart } from '../series-chart.js';
import { counted, deviationsText, NO_EXCEPTIONS, oneLine } from '../words.js';

const METHOD_NAMES: Record<ControlTest['method'], string> = {
  inquiry: 'Inquiry',
  observation: 'Observation',
  inspection: 'Inspection',
  reperformance: 'Reperformance',
};

export function criteriaAndTests(data: ReportData): Section {
  const { result } = data;
  const type2 = result.reportType === 'type2';
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      tone: null,
      text: type2
        ? 'Each control was tested by the method stated on a sample of its population over the period. A deviation is a sample item where the control did not operate as described; every deviation is listed, whether or not it was remediated later.'
        : 'The controls below were examined for the suitability of their design as of the date of the report.',
    },
    seriesChart('Criteria met per series', result.criteria),
    criteriaTable(result),
    type2 ? testsTable(data) : designTable(result),
  ];
  return { title: type2 ? 'Criteria, controls, tests of controls and results' : 'Criteria and controls', blocks };
}

function criteriaTable(result: ExaminationResult): Block {
  return {
    kind: 'table',
    title: 'Criteria',
    columns: ['Criterion', 'Title', 'Controls', 'Status'],
    rows: result.criteria.map((c) => [c.id, c.title, c.controls.join(', '), words(c.status)]),
  };
}

function designTable(result: ExaminationResult): Block {
  return {
    kind: 'table',
    title: 'Controls',
    columns: ['Control', 'Criteria', 'Design'],
    rows: result.controls.map((c) => [
      `${c.id}: ${oneLine(c.title)}`,
      c.criteria.join(', '),
      c.conclusion === 'design_deficiency' ? 'Not suitably designed.' : 'Suitably designed.',
    ]),
  };
}

function testsTable(data: ReportData): Block {
  const tests = new Map(data.examination.tests.map((t) => [t.control, t]));
  return {
    kind: 'table',
    title: 'Tests of controls and results',
    columns: ['Control', 'Criteria', 'Test performed', 'Results'],
    rows: data.result.controls.map((c) => {
      const test = tests.get(c.id);
      return [`${c.id}: ${oneLine(c.title)}`, c.criteria.join(', '), testPerformed(test), testResult(c, test)];
    }),
  };
}

/** "Inspection of a sample of 25 from a population of 250." */
function testPerformed(test: ControlTest | undefined): string {
  if (!test) return 'No test recorded.';
  if (test.scopeLimitation !== null) return `Not tested: ${oneLine(test.scopeLimitation)}`;
  const population = test.populationSize === null ? '' : ` from a population of ${test.populationSize.toLocaleString('en')}`;
  return `${METHOD_NAMES[test.method]} of a sample of ${counted(test.samples.length, 'item')}${population}.`;
}

/** "No exceptions noted." only for a control tested without a deviation and suitably designed. */
function testResult(control: ControlResult, test: ControlTest | undefined): string {
  const design = control.conclusion === 'design_deficiency' ? ' The control is not suitably designed.' : '';
  if (!test || test.scopeLimitation !== null || test.samples.length === 0) return `No results: the control was not tested.${design}`;
  const deviations = deviationsText(test.samples);
  if (deviations === NO_EXCEPTIONS) return `${deviations}${design}`;
  const conclusion =
    control.conclusion === 'effective_with_exceptions'
      ? ' The deviation rate is within the tolerable rate: the control is effective with exceptions.'
      : control.conclusion === 'not_effective'
        ? ' The deviation rate exceeds the tolerable rate: the control did not operate effectively.'
        : '';
  return `${deviations}${conclusion}${design}`;
}
