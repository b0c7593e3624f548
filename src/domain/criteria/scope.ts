/** Which criteria an engagement, a control or a finding may name: the catalogue's, and where asked those in scope. */
import type { Problem } from '../problems.js';
import { repeats } from '../problems.js';
import { isCriterionId } from './catalogue.js';

/**
 * Each criterion listed is the catalogue's and, given `inScope` (the criteria of the engagement's chosen
 * categories), in scope; problems are at the criterion's index. Entries that are undefined are the shape's.
 */
export function criterionProblems(criteria: readonly (string | undefined)[], inScope?: ReadonlySet<string>): Problem[] {
  return criteria.flatMap((criterion, i): Problem[] => {
    if (criterion === undefined) return [];
    if (!isCriterionId(criterion)) return [{ path: [i], message: `unknown criterion "${criterion}"` }];
    if (inScope && !inScope.has(criterion)) return [{ path: [i], message: `criterion "${criterion}" is not in the chosen categories` }];
    return [];
  });
}

/** The criteria marked not applicable: in scope, each once (a criterion has one reason). Problems at their index. */
export function notApplicableProblems(criteria: readonly string[], inScope: ReadonlySet<string>): Problem[] {
  const problems = criterionProblems(criteria, inScope);
  const wrong = new Set(problems.map((p) => p.path[0]));
  for (const { index } of repeats(criteria)) {
    if (!wrong.has(index)) problems.push({ path: [index], message: `criterion "${criteria[index]}" is listed twice` });
  }
  return problems.sort((a, b) => (a.path[0] as number) - (b.path[0] as number));
}
