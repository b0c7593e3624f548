/**
 * A clean engagement whose two monthly controls are short of evidence, for the documents' content tests: CC1-01's
 * evidence covers January to March only (April to June missing), CC2-01 has none stating a period (not tracked).
 * The examination is given as loaders give it, before coverage; the result is formed with it.
 */
import { examineCovered, withCoverage } from '../../domain/index.js';
import type { ReportData } from './data.js';
import { scenarioData } from './testing.js';

export function monthlyCoverageData(): ReportData {
  const data = scenarioData('clean');
  // Two monthly controls owe an occurrence a month; the others are automated and owe none.
  const examination = {
    ...data.examination,
    controls: data.examination.controls.map((c) => ({ ...c, frequency: c.id === 'CC1-01' || c.id === 'CC2-01' ? ('monthly' as const) : ('automated' as const) })),
  };
  const covered = withCoverage(examination, [{ id: 'EV-1', control: 'CC1-01', coversFrom: '2026-01-01', coversTo: '2026-03-31' }]);
  return { ...data, examination, result: examineCovered(covered), coverage: covered.coverage };
}
