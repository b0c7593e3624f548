/** A check as loaded from `checks/<anything>.yaml` (DESIGN §8): validated, its CEL compiled, ready to run. */
import type { BuiltinCheck, ColumnType, EvidenceFormat } from '../domain/index.js';
import type { CompiledCel } from './cel.js';

export interface SourceDefinition {
  name: string;
  /** The path as the check wrote it, relative to the workspace: what messages name. */
  file: string;
  /** Where the file is on disk. */
  path: string;
  format: EvidenceFormat;
  types?: Readonly<Record<string, ColumnType>>;
  arrayPath?: string;
  /** `file:line` of the source in the check file. */
  location: string;
}

export interface LookupDefinition {
  name: string;
  source: string;
  key: CompiledCel;
  equals: CompiledCel;
}

interface CheckBase {
  id: string;
  title: string;
  controls: string[];
  /** `file:line` of the check's id. */
  location: string;
  sources: SourceDefinition[];
  /** Built-in: every parameter parsed, defaults filled in. CEL: as written (CEL reads them as `params`). */
  params: Record<string, unknown>;
}

export interface BuiltinCheckDefinition extends CheckBase {
  kind: 'builtin';
  builtin: BuiltinCheck;
}

export interface CelCheckDefinition extends CheckBase {
  kind: 'cel';
  population: string;
  item: CompiledCel;
  where: CompiledCel | null;
  assert: CompiledCel;
  lookups: LookupDefinition[];
}

export type CheckDefinition = BuiltinCheckDefinition | CelCheckDefinition;
