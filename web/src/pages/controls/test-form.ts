/**
 * The test form's rules: who may change which part (the method is test work, `test.record`; the population is
 * the organisation's evidence, `evidence.manage`), the checks the server makes, and which request a change
 * takes: the whole test (PUT …/test) or its population alone (PUT …/test/population, open to the owner).
 */
import type { TestMethod } from '@assay/domain/engagement.js';
import { byField } from '@assay/domain/problems.js';
import { testProblems } from '@assay/domain/sampling/integrity.js';
import type { ControlTest, TestEvidence, TestInput } from '../../api/controls.js';

export interface TestFormValues {
  method: TestMethod;
  /** Empty while the person has typed none. */
  populationSize: number | '';
  /** Empty for none. */
  scopeLimitation: string;
}

export interface TestPermissions {
  /** test.record: the method, samples and results. */
  record: boolean;
  /** evidence.manage (on this control): the population and scope limitation. */
  evidence: boolean;
}

export function testValues(test: ControlTest | null): TestFormValues {
  return {
    method: test?.method ?? 'inspection',
    populationSize: test?.populationSize ?? '',
    scopeLimitation: test?.scopeLimitation ?? '',
  };
}

/** Whether the person may open the form: change a test they can touch, or record a new one (both grants). */
export function mayEditTest(test: ControlTest | null, can: TestPermissions): boolean {
  return test === null ? can.record && can.evidence : can.record || can.evidence;
}

function evidenceOf(values: TestFormValues): TestEvidence {
  const scope = values.scopeLimitation.trim();
  return { populationSize: values.populationSize === '' ? null : values.populationSize, scopeLimitation: scope === '' ? null : scope };
}

export function validateTest(values: TestFormValues, test: ControlTest | null): Partial<Record<keyof TestFormValues, string>> {
  const evidence = evidenceOf(values);
  const size = evidence.populationSize;
  if (size !== null && (!Number.isInteger(size) || size < 0)) return { populationSize: 'A whole number of items, 0 or more' };
  return byField(testProblems({ ...evidence, samples: test?.samples ?? [] }));
}

export type TestRequest =
  | { kind: 'put'; test: TestInput }
  | { kind: 'population'; version: number; evidence: TestEvidence }
  | { kind: 'none' };

/**
 * The request that records the form: a new test, or a changed method, sends the whole test (its samples and
 * untested items kept); a changed population alone goes to the population route, which the control's owner may
 * use. A part the person may not change is sent as it stands.
 */
export function testRequest(test: ControlTest | null, values: TestFormValues, can: TestPermissions): TestRequest {
  const wanted = evidenceOf(values);
  const evidence = can.evidence || test === null ? wanted : { populationSize: test.populationSize, scopeLimitation: test.scopeLimitation };
  const method = can.record || test === null ? values.method : test.method;
  if (test === null) return { kind: 'put', test: { method, ...evidence, samples: [] } };
  if (method !== test.method) {
    return { kind: 'put', test: { version: test.version, method, ...evidence, samples: test.samples, untested: test.untested } };
  }
  if (evidence.populationSize !== test.populationSize || evidence.scopeLimitation !== test.scopeLimitation) {
    return { kind: 'population', version: test.version, evidence };
  }
  return { kind: 'none' };
}
