/**
 * A new engagement's first controls: the starter set tailored by a few answers, mapped to the criteria of the
 * categories in scope only, so that every in-scope criterion starts addressed and none outside is named.
 */
import type { Category } from '../criteria/catalogue.js';
import { criteriaOfCategories } from '../criteria/catalogue.js';
import type { Control } from '../engagement.js';
import { STARTER_CONTROLS, type StarterAnswers, type StarterControl } from './controls.js';

export { STARTER_CONTROLS, type StarterAnswers, type StarterControl } from './controls.js';

export const STARTER_QUESTIONS: readonly { key: keyof StarterAnswers; question: string; adds: string }[] = [
  { key: 'cloudProvider', question: 'Does the system run on a cloud provider?', adds: "yes: the provider's SOC report review for physical security, cloud configuration checks, several availability zones; no: facility badge access and backup power" },
  { key: 'personalData', question: "Does it hold customers' personal data?", adds: 'yes: an inventory of personal data and reviews of access to it' },
  { key: 'hrSystem', question: 'Are people kept in an HR system?', adds: "yes: leavers disabled from the HR system and monthly reconciliation; no: a signed leaver's checklist" },
  { key: 'developsSoftware', question: 'Does the organisation develop its own software?', adds: 'yes: code review before merge, tests and scans before deployment, vulnerable dependencies fixed' },
];

export const NO_ANSWERS: StarterAnswers = { cloudProvider: false, personalData: false, hrSystem: false, developsSoftware: false };

function offered(control: StarterControl, answers: StarterAnswers): boolean {
  return control.when === undefined || answers[control.when.question] === control.when.answer;
}

/**
 * The starter controls for these answers and categories, in the set's order, each naming only in-scope criteria.
 * Owners are left empty and designs effective: management states them as it adopts each control.
 */
export function starterControls(answers: StarterAnswers, categories: readonly Category[]): Control[] {
  const inScope = new Set(criteriaOfCategories(categories).map((c) => c.id));
  return STARTER_CONTROLS.filter((control) => offered(control, answers)).flatMap((control) => {
    const criteria = control.criteria.filter((id) => inScope.has(id));
    if (criteria.length === 0) return [];
    return [{ id: control.id, title: control.title, criteria, frequency: control.frequency, nature: control.nature, key: true, design: 'effective', compensates: [], owner: null }];
  });
}
