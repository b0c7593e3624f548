/**
 * The shapes the API sends, as the contract's schemas declare them (src/contract, inferred with `z.infer`): the
 * web copies none by hand. Enumerations are the domain's.
 */
export type { ControlResult, CriterionResult, Deficiency, ExaminationResult, Me, Organization, Paged, User } from '@assay/contract';
export type { OpinionKind, Role, Severity } from '@assay/domain';
