/**
 * What a system description must hold to be recorded at all (its completeness is a warning, not a refusal:
 * checks.ts): the criteria a CSOC or a CUEC serves are the catalogue's and in scope, a subservice organisation is
 * named once, and a disclosed incident that names a finding names one of the engagement's, once.
 */
import { criterionProblems } from '../criteria/scope.js';
import { repeats, within, type Problem } from '../problems.js';
import type { SystemDescription } from './model.js';

export function descriptionProblems(description: SystemDescription, inScope: ReadonlySet<string>, findings: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  description.subserviceOrganizations.forEach((org, i) => {
    org.csocs.forEach((csoc, j) => problems.push(...within(['subserviceOrganizations', i, 'csocs', j, 'criteria'], criterionProblems(csoc.criteria, inScope))));
  });
  for (const { index, first } of repeats(description.subserviceOrganizations.map((o) => o.name.trim()))) {
    problems.push({ path: ['subserviceOrganizations', index, 'name'], message: 'this subservice organisation is already described', firstAt: ['subserviceOrganizations', first, 'name'] });
  }
  description.userEntityControls.forEach((cuec, i) => problems.push(...within(['userEntityControls', i, 'criteria'], criterionProblems(cuec.criteria, inScope))));
  description.incidents.forEach((incident, i) => {
    if (incident.finding !== null && !findings.has(incident.finding)) problems.push({ path: ['incidents', i, 'finding'], message: `no finding ${incident.finding} in this engagement` });
  });
  for (const { index, first } of repeats(description.incidents.map((i) => i.finding ?? undefined))) {
    problems.push({ path: ['incidents', index, 'finding'], message: 'this finding is already disclosed', firstAt: ['incidents', first, 'finding'] });
  }
  return problems;
}
