/**
 * `description.yaml`: the system description of a workspace (docs/system-description.md), read and judged with
 * `file:line` errors, and the examination it describes with the description's warnings and misstatements. A
 * workspace without the file has no description: it examines exactly as DESIGN §5 says, and nothing warns.
 *
 * The misstatements are added where the examination is forecast (`describeWorkspace`), not where it is loaded
 * for import or export: the stored engagement keeps only the misstatements its `assay.yaml` states, and the
 * server derives the others from the description it stores in the same way.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { criteriaOfCategories } from '../domain/criteria/catalogue.js';
import type { IncidentCandidate } from '../domain/description/checks.js';
import { withDescription, type DescribedExamination } from '../domain/description/examination.js';
import { COMPONENT_KINDS, type SystemDescription } from '../domain/description/model.js';
import { descriptionProblems } from '../domain/description/validation.js';
import type { Examination } from '../domain/engagement.js';
import { ValidationError, type Issue } from '../domain/errors.js';
import type { FindingSource, FindingStatus } from '../domain/findings/model.js';
import type { DescriptionFile } from './description-schema.js';
import { listYamlTree } from './list.js';
import { inFile, rawMapping, type Raw } from './raw.js';
import { fastDescriptionFile } from './schema-fast.js';
import { sortIssues } from './validator.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

export const DESCRIPTION_FILE = 'description.yaml';

/** How the file's shape is judged: its value as descriptionFileSchema gives it, or null after recording its problems. */
export type DescriptionShape = (source: YamlSource, raw: Raw, issues: Issue[]) => DescriptionFile | null;

/**
 * The workspace's description, its shape judged by `shape`, then against its examination (criteria in scope) and
 * the codes of its findings (an incident disclosed names one of them). Throws ValidationError with every problem.
 */
export function judgeDescription(source: YamlSource, examination: Examination, findingCodes: ReadonlySet<string>, shape: DescriptionShape): SystemDescription {
  const issues: Issue[] = [];
  const raw = rawMapping(source, issues);
  const parsed = raw && shape(source, raw, issues);
  if (parsed) {
    const description: SystemDescription = {
      ...parsed,
      components: Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, parsed.components[kind] ?? ''])) as SystemDescription['components'],
      incidents: parsed.incidents.map((i) => ({ finding: i.finding ?? null, date: i.date ?? null, text: i.text })),
    };
    const inScope = new Set(criteriaOfCategories(examination.engagement.categories).map((c) => c.id));
    issues.push(...inFile(source, descriptionProblems(description, inScope, findingCodes)));
    if (issues.length === 0) return description;
  }
  throw new ValidationError(sortIssues(issues), 'The system description is not valid');
}

/** The workspace's description, judged against its examination and findings; null when it has no `description.yaml`. */
export async function loadDescription(dir: string, examination: Examination): Promise<{ description: SystemDescription; findings: IncidentCandidate[] } | null> {
  const file = join(dir, DESCRIPTION_FILE);
  const textOfFile = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (textOfFile === null) return null;
  const findings = await incidentCandidates(dir);
  const source = parseYaml(file, textOfFile);
  // zod loads only to word a description the plain judge refuses (docs/workspace.md); judgeDescription records why
  // a file is no mapping.
  const raw = rawMapping(source, []);
  const plain = raw ? fastDescriptionFile(raw) : undefined;
  const shape = plain !== undefined ? () => plain : (await import('./description-schema.js')).descriptionShape;
  return { description: judgeDescription(source, examination, new Set(findings.map((f) => f.code)), shape), findings };
}

/**
 * What the significant-incident rule reads of each finding file: its code, title, source, control, status, history
 * and mark. The findings are judged against the examination by their own loader (docs/findings.md), which the
 * forecast does not need: a finding the engine no longer derives is still an incident once marked.
 */
async function incidentCandidates(dir: string): Promise<IncidentCandidate[]> {
  const files = await listYamlTree(dir, 'findings');
  const candidates: IncidentCandidate[] = [];
  for (const file of files) {
    const raw = parseYaml(file, await readFile(file, 'utf8')).value as Record<string, unknown> | null;
    if (raw === null || typeof raw !== 'object' || typeof raw['id'] !== 'string') continue;
    const history = Array.isArray(raw['history']) ? (raw['history'] as Record<string, unknown>[]) : [];
    candidates.push({
      code: raw['id'],
      title: typeof raw['title'] === 'string' ? raw['title'] : raw['id'],
      source: (typeof raw['source'] === 'string' ? raw['source'] : 'self_identified') as FindingSource,
      control: typeof raw['control'] === 'string' ? raw['control'] : null,
      status: (typeof raw['status'] === 'string' ? raw['status'] : 'open') as FindingStatus,
      history: history.map((h) => ({ on: String(h['on'] ?? ''), from: (h['from'] ?? null) as FindingStatus | null, to: h['to'] as FindingStatus, reason: null })),
      significantIncident: raw['significantIncident'] === true,
    });
  }
  return candidates;
}

/** The examination with the workspace's description: its warnings, and its undisclosed significant incidents as misstatements. */
export async function describeWorkspace(dir: string, examination: Examination): Promise<DescribedExamination & { description: SystemDescription | null }> {
  const loaded = await loadDescription(dir, examination);
  if (loaded === null) return { examination, warnings: [], description: null };
  return { ...withDescription(examination, loaded.description, loaded.findings), description: loaded.description };
}
