/**
 * Factories and fast-check arbitraries for the domain's tests. Each factory fills what a test does not care
 * about with a plain default, so a test names only what it is about: `buildControl({ criteria: ['CC6.1'] })`.
 */
import fc from 'fast-check';
import { CATEGORIES, criteriaOfCategories, type Category } from '../criteria/catalogue.js';
import {
  DEFAULT_PERVASIVENESS,
  DEFAULT_SAMPLING,
  FREQUENCIES,
  type Control,
  type ControlTest,
  type Engagement,
  type Examination,
  type Misstatement,
  type Sample,
} from '../engagement.js';
import { unmeasuredResult } from '../evaluation/control-conclusion.js';
import type { ControlConclusion, ControlResult, CriterionResult } from '../evaluation/result.js';

export function buildEngagement(overrides: Partial<Engagement> = {}): Engagement {
  return {
    organization: 'Acme',
    system: 'Acme Cloud',
    reportType: 'type2',
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    categories: [],
    notApplicable: [],
    sampling: { ...DEFAULT_SAMPLING },
    pervasiveness: { ...DEFAULT_PERVASIVENESS },
    misstatements: [],
    ...overrides,
  };
}

export function buildControl(overrides: Partial<Control> = {}): Control {
  const id = overrides.id ?? 'CTL-1';
  return {
    id,
    title: `Control ${id}`,
    criteria: ['CC1.1'],
    frequency: 'daily',
    nature: 'manual',
    key: false,
    design: 'effective',
    compensates: [],
    owner: null,
    ...overrides,
  };
}

/** `passed` passing samples followed by `failed` failing ones, with ids `<prefix>-1` … */
export function buildSamples(passed: number, failed = 0, prefix = 'item'): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < passed + failed; i++) {
    samples.push({ item: `${prefix}-${i + 1}`, result: i < passed ? 'pass' : 'fail', note: null });
  }
  return samples;
}

export function buildTest(overrides: Partial<ControlTest> = {}): ControlTest {
  return {
    control: 'CTL-1',
    method: 'inspection',
    populationSize: 250,
    samples: buildSamples(25),
    scopeLimitation: null,
    ...overrides,
  };
}

/** A test of `control` with `passed` + `failed` samples drawn from a population (null when unknown). */
export function testOf(control: string, passed: number, failed = 0, populationSize: number | null = 250): ControlTest {
  return buildTest({ control, populationSize, samples: buildSamples(passed, failed, control) });
}

export function buildExamination(
  parts: Partial<Omit<Examination, 'engagement'>> & { engagement?: Partial<Engagement> } = {},
): Examination {
  return {
    engagement: buildEngagement(parts.engagement),
    controls: parts.controls ?? [],
    tests: parts.tests ?? [],
  };
}

/** A control result as the criterion rules see it, for tests of those rules alone. */
export function buildControlResult(overrides: Partial<ControlResult> & { conclusion: ControlConclusion }): ControlResult {
  const id = overrides.id ?? 'CTL-1';
  return { ...unmeasuredResult({ id, title: `Control ${id}`, criteria: ['CC1.1'], key: false }, overrides.conclusion), ...overrides };
}

export function buildCriterionResult(overrides: Partial<CriterionResult> & { id: string }): CriterionResult {
  const { id } = overrides;
  return {
    title: id,
    series: id.slice(0, id.indexOf('.')),
    category: 'security',
    status: 'met',
    failure: null,
    controls: [],
    failingControls: [],
    reasons: [],
    ...overrides,
    // Unless given, the kinds of failure follow the primary one.
    failures: overrides.failures ?? (overrides.failure ? [overrides.failure] : []),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Arbitraries

const optionalCategories = CATEGORIES.filter((c): c is Exclude<Category, 'security'> => c !== 'security');

interface ControlShape {
  criteria: string[];
  key: boolean;
  deficient: boolean;
  compensates: number[];
  frequency: Control['frequency'];
  test: TestShape;
}

type TestShape =
  | { kind: 'none' }
  | { kind: 'scope-limited' }
  | { kind: 'tested'; passed: number; failed: number; population: 'unknown' | 'whole' | { extra: number } };

const testShape: fc.Arbitrary<TestShape> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'scope-limited' as const }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('tested' as const),
      // Mostly samples large enough for an exception to stay within tolerance, sometimes none at all.
      passed: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 20, max: 80 })),
      failed: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) }),
      population: fc.oneof(
        fc.constant('unknown' as const),
        fc.constant('whole' as const),
        // A few items left untested brings the untested-remainder cap into play.
        fc.record({ extra: fc.integer({ min: 1, max: 3 }) }),
        fc.record({ extra: fc.integer({ min: 4, max: 400 }) }),
      ),
    }),
  },
);

/**
 * Random examinations: a few controls over a random handful of in-scope criteria, with random key,
 * design, compensation and tests. The in-scope criteria outside that handful are either not applicable,
 * covered by one effective baseline control, or left unaddressed, so every opinion is reachable.
 */
export const arbExamination: fc.Arbitrary<Examination> = fc
  .record({
    reportType: fc.oneof({ weight: 4, arbitrary: fc.constant('type2' as const) }, { weight: 1, arbitrary: fc.constant('type1' as const) }),
    categories: fc.subarray(optionalCategories),
    rest: fc.constantFrom('not-applicable', 'not-applicable', 'baseline', 'baseline', 'unaddressed'),
    focusSeed: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    sampling: fc.record({ confidence: fc.constantFrom(0.9, 0.95), tolerableRate: fc.constantFrom(0.05, 0.1, 0.2) }),
    pervasiveness: fc.record({
      minSeries: fc.integer({ min: 1, max: 5 }),
      minShare: fc.constantFrom(0.1, 0.25, 0.5, 0.75, 1),
    }),
    misstatements: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Misstatement[]>([]) },
      { weight: 1, arbitrary: fc.array(fc.record({ text: fc.constant('Incident not disclosed'), pervasive: fc.boolean() }), { minLength: 1, maxLength: 2 }) },
    ),
  })
  .chain((base) => {
    const inScope = criteriaOfCategories(base.categories).map((c) => c.id);
    const focus = [...new Set(base.focusSeed.map((i) => inScope[i % inScope.length] as string))];
    const control: fc.Arbitrary<ControlShape> = fc.record({
      criteria: fc.subarray(focus, { minLength: 1 }),
      key: fc.boolean(),
      deficient: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      compensates: fc.array(fc.nat({ max: 7 }), { maxLength: 2 }),
      frequency: fc.constantFrom(...FREQUENCIES),
      test: testShape,
    });
    return fc.record({
      base: fc.constant(base),
      inScope: fc.constant(inScope),
      focus: fc.constant(focus),
      controls: fc.array(control, { minLength: 1, maxLength: 8 }),
    });
  })
  .map(({ base, inScope, focus, controls: shapes }) => {
    const ids = shapes.map((_, i) => `CTL-${i + 1}`);
    const controls: Control[] = shapes.map((s, i) =>
      buildControl({
        id: ids[i] as string,
        criteria: s.criteria,
        key: s.key,
        design: s.deficient ? 'deficient' : 'effective',
        frequency: s.frequency,
        compensates: [...new Set(s.compensates.map((c) => ids[c % ids.length] as string))].filter((c) => c !== ids[i]),
      }),
    );
    const tests: ControlTest[] = [];
    shapes.forEach((s, i) => {
      const id = ids[i] as string;
      if (s.test.kind === 'none') return;
      if (s.test.kind === 'scope-limited') {
        tests.push(buildTest({ control: id, samples: [], scopeLimitation: 'Population could not be produced' }));
        return;
      }
      const n = s.test.passed + s.test.failed;
      const population = s.test.population;
      const populationSize = population === 'unknown' ? null : population === 'whole' ? n : n + population.extra;
      tests.push(buildTest({ control: id, populationSize, samples: buildSamples(s.test.passed, s.test.failed, id) }));
    });

    const rest = inScope.filter((c) => !focus.includes(c));
    const notApplicable =
      base.rest === 'not-applicable' ? rest.map((criterion) => ({ criterion, reason: 'Not relevant to the system' })) : [];
    if (base.rest === 'baseline' && rest.length > 0) {
      controls.push(buildControl({ id: 'BASE-1', criteria: rest, key: true, frequency: 'annual' }));
      tests.push(testOf('BASE-1', 1, 0, 1));
    }
    const examination: Examination = {
      engagement: buildEngagement({
        reportType: base.reportType,
        periodStart: base.reportType === 'type2' ? '2025-01-01' : null,
        categories: base.categories,
        notApplicable,
        sampling: base.sampling,
        pervasiveness: base.pervasiveness,
        misstatements: base.misstatements,
      }),
      controls,
      tests,
    };
    return examination;
  });
