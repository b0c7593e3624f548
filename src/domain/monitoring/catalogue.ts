/** The built-in checks by name (DESIGN §8), in the order `assay monitor checks` lists them. */
import { accessKeyRotation, mfaEnabled } from './aws-iam.js';
import type { BuiltinCheck } from './builtin.js';
import { changeApproval } from './change-approval.js';
import { terminatedAccess } from './terminated-access.js';
import { vulnerabilitySla } from './vulnerability-sla.js';

export const BUILTIN_CHECKS: readonly BuiltinCheck[] = [terminatedAccess, mfaEnabled, accessKeyRotation, changeApproval, vulnerabilitySla];

export function builtinCheck(name: string): BuiltinCheck | undefined {
  return BUILTIN_CHECKS.find((c) => c.name === name);
}
