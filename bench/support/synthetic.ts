/**
 * A large synthetic examination for the benchmarks, made deterministically (no randomness) so every run
 * measures the same data: controls spread over the security and availability criteria, each tested with a
 * sample, one control in 25 with deviations (some within tolerance, some not).
 */
import { CRITERIA, DEFAULT_PERVASIVENESS, DEFAULT_SAMPLING, FREQUENCIES, type Examination } from '../../src/domain/index.js';

export function syntheticExamination(controls: number, samplesPerControl: number): Examination {
  const criteria = CRITERIA.filter((c) => c.category === 'security' || c.category === 'availability');
  const id = (i: number) => `C-${String(i + 1).padStart(5, '0')}`;
  const examination: Examination = {
    engagement: {
      organization: 'Bench Corp',
      system: 'Bench Platform',
      reportType: 'type2',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      categories: ['security', 'availability'],
      notApplicable: [],
      sampling: DEFAULT_SAMPLING,
      pervasiveness: DEFAULT_PERVASIVENESS,
      misstatements: [],
    },
    controls: [],
    tests: [],
  };
  for (let i = 0; i < controls; i++) {
    examination.controls.push({
      id: id(i),
      title: `Synthetic control ${i + 1}`,
      criteria: [...new Set([criteria[i % criteria.length]!.id, criteria[(i * 7 + 3) % criteria.length]!.id])],
      frequency: FREQUENCIES[i % FREQUENCIES.length]!,
      nature: i % 3 === 0 ? 'automated' : 'manual',
      key: i % 5 !== 2,
      design: 'effective',
      compensates: i % 50 === 1 ? [id(i - 1)] : [],
      owner: `owner${i % 40}@bench.example`,
    });
    const failures = i % 25 === 0 ? 1 + (i % 9) : 0;
    examination.tests.push({
      control: id(i),
      method: 'inspection',
      populationSize: samplesPerControl * 4,
      scopeLimitation: null,
      samples: Array.from({ length: samplesPerControl }, (_, s) => ({
        item: `${id(i)}-ITEM-${s + 1}`,
        result: s < failures ? ('fail' as const) : ('pass' as const),
        note: s < failures ? 'Evidence of approval missing' : null,
      })),
    });
  }
  return examination;
}
