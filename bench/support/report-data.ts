import { deriveFindings, examine } from '../../src/domain/index.js';
import { buildAction, doneAction, ROOT_CAUSE } from '../../src/domain/findings/testing.js';
import type { ReportData } from '../../src/reports/documents/index.js';
import { scenarioData } from '../../src/reports/documents/testing.js';
import { syntheticExamination } from './synthetic.js';

/**
 * A large engagement's data (synthetic.ts) as the CLI would hand it to a builder: findings followed up, each with an
 * approved response (the documents' content tests' own, one per finding); the rest as those tests give it.
 */
export function largeReportData(controls: number, samplesPerControl: number): ReportData {
  const examination = syntheticExamination(controls, samplesPerControl);
  const result = examine(examination);
  const findings = deriveFindings(result, examination).map((finding, i) => ({
    ...finding,
    rootCause: ROOT_CAUSE.id,
    correctiveActions: i % 2 === 0 ? [doneAction('2027-02-15')] : [buildAction({ id: `CA-${i + 1}`, due: '2027-03-31' })],
  }));
  const scenario = scenarioData('qualified');
  const response = scenario.responses[0];
  if (response === undefined) throw new Error('the qualified scenario has no management response to copy');
  return {
    ...scenario,
    examination,
    result,
    findings,
    responses: findings.map((finding) => ({ ...response, finding: finding.code })),
    generatedAt: '2027-02-20T10:00:00.000Z',
  };
}
