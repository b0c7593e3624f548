/**
 * Reads and judges the findings of a workspace (docs/findings.md): `root-causes/**\/*.yaml` first, then
 * `findings/**\/*.yaml` (each finding with its management response, if any), each against its schema and against
 * the examination they belong to. Every problem is reported as `file:line: message`, and nothing is returned
 * unless all of it is valid.
 *
 * Findings never change the forecast: they are judged against the examination, not fed into it.
 */
import { readFile } from 'node:fs/promises';
import {
  FINDING_STATUSES,
  ValidationError,
  criteriaOfCategories,
  examine,
  forecastOf,
  isAllowedStep,
  correctiveActionProblems,
  codesInOrder,
  criterionProblems,
  matchingDeficiency,
  periodProblems,
  recordedResponseIssues,
  repeats,
  sampleProblems,
  statusRequirements,
  withConclusion,
  within,
  type Classification,
  type Control,
  type ControlTest,
  type Deficiency,
  type FailedSample,
  type Examination,
  type ExaminationResult,
  type Finding,
  type Issue,
  type RecordedResponse,
  type RetestContext,
  type RootCause,
} from '../domain/index.js';
import { findingFileSchema, rootCauseFileSchema, type FindingFile } from './findings-schema.js';
import { listYamlTree } from './list.js';
import type { WorkspaceFile } from './load.js';
import { check, claimId, inFile, rawMapping, rawPeriod, rawTest, sortIssues, textsOf, type At } from './validate.js';
import { parseYaml, type PathSegment, type YamlSource } from './yaml-source.js';

export interface WorkspaceFindings {
  findings: Finding[];
  rootCauses: RootCause[];
  /** Management's responses, one for each finding whose file has one, in the findings' order (`finding` is its id). */
  managementResponses: RecordedResponse[];
}

export interface FindingsFiles {
  rootCauses: WorkspaceFile[];
  findings: WorkspaceFile[];
}

/**
 * Loads `root-causes/` and `findings/` of a workspace folder and validates them against its examination (the
 * result of `loadWorkspace(dir)`); throws ValidationError with every problem. Missing folders hold none.
 */
export async function loadFindings(dir: string, examination: Examination): Promise<WorkspaceFindings> {
  const [rootCauses, findings] = await Promise.all([listYamlTree(dir, 'root-causes'), listYamlTree(dir, 'findings')]);
  const read = (file: string) => readFile(file, 'utf8').then((text) => ({ file, text }));
  return parseFindings({ rootCauses: await Promise.all(rootCauses.map(read)), findings: await Promise.all(findings.map(read)) }, examination);
}

/** Validates findings held in memory against an examination. */
export function parseFindings(files: FindingsFiles, examination: Examination): WorkspaceFindings {
  const validator = createFindingsValidator(examination);
  for (const f of files.rootCauses) validator.rootCause(parseYaml(f.file, f.text));
  for (const f of files.findings) validator.finding(parseYaml(f.file, f.text));
  return validator.finish();
}

type Raw = Record<string, unknown>;

interface FindingsValidator {
  rootCause(source: YamlSource): void;
  /** Findings are judged against the root causes, so every root-cause file comes first. */
  finding(source: YamlSource): void;
  finish(): WorkspaceFindings;
}

function createFindingsValidator(examination: Examination): FindingsValidator {
  const issues: Issue[] = [];
  const at = (source: YamlSource, path: PathSegment[], message: string, key = false) =>
    issues.push({ location: source.locate(path, { key }), message });

  const controls = new Map<string, Control>(examination.controls.map((c) => [c.id, c]));
  const tests = new Map<string, ControlTest>(examination.tests.map((t) => [t.control, t]));
  const inScope = new Set(criteriaOfCategories(examination.engagement.categories).map((c) => c.id));
  const context: RetestContext = { control: (id) => controls.get(id), sampling: examination.engagement.sampling };
  let result: ExaminationResult | null = null;
  const examined = () => (result ??= examine(examination));
  const known: Known = { controls, tests, context, examined, inScope, pervasiveness: examination.engagement.pervasiveness };

  const rootCauses: RootCause[] = [];
  const rootCauseAt = new Map<string, string>();
  const findings: Finding[] = [];
  const findingAt = new Map<string, string>();
  const managementResponses: RecordedResponse[] = [];

  return {
    rootCause(source) {
      const raw = rawMapping(source, issues);
      if (!raw) return;
      claimId(rootCauseAt, source, raw, 'root cause', issues);
      const file = check(source, raw, rootCauseFileSchema, issues);
      if (file) rootCauses.push(file);
    },

    finding(source) {
      const raw = rawMapping(source, issues);
      if (!raw) return;
      const before = issues.length;
      claimId(findingAt, source, raw, 'finding', issues);
      checkReferences(source, raw, { controls, inScope, rootCauseAt }, at, issues);
      const file = check(source, raw, findingFileSchema, issues);
      // Only a finding whose parts are each valid is judged as a whole (its status against the lifecycle).
      if (!file || issues.length > before) return;
      const finding = toFinding(source, file, known, at);
      if (finding && issues.length === before) {
        checkStatus(source, file, finding, context, at);
        findings.push(finding);
        const response = file.managementResponse ? toResponse(file.id, file.managementResponse) : null;
        for (const { field, message } of response ? recordedResponseIssues(response) : []) {
          // A field that should not be there is pointed at; one that is missing, at the response that lacks it.
          const present = file.managementResponse?.[field as keyof NonNullable<FindingFile['managementResponse']>] !== undefined;
          at(source, present ? ['managementResponse', field] : ['managementResponse'], message, !present);
        }
        if (response) managementResponses.push(response);
      }
    },

    finish() {
      if (issues.length > 0) throw new ValidationError(sortIssues(issues), 'The findings are not valid');
      return { findings, rootCauses, managementResponses };
    },
  };
}

/** References to other things (controls, criteria, root causes) and the rules inside lists, on the raw values. */
function checkReferences(
  source: YamlSource,
  raw: Raw,
  known: { controls: Map<string, Control>; inScope: Set<string>; rootCauseAt: Map<string, string> },
  at: At,
  issues: Issue[],
): void {
  if (typeof raw.control === 'string' && !known.controls.has(raw.control)) at(source, ['control'], `unknown control "${raw.control}"`);
  const criteria = within(['criteria'], criterionProblems(textsOf(raw.criteria), known.inScope));
  issues.push(...inFile(source, criteria));
  if (raw.failedSamples !== undefined && raw.deviations !== undefined) {
    at(source, ['deviations'], 'failedSamples and deviations are one list (deviations is its older name): keep failedSamples', true);
  }
  if (raw.control === undefined && raw.criteria === undefined) {
    at(source, [], 'a finding needs its control, its criteria, or both');
  }
  // `criteria: []` says "mapped to no criterion yet" (e.g. imported from another framework's OSCAL); a
  // deficiency of the examination always concerns criteria.
  if (Array.isArray(raw.criteria) && raw.criteria.length === 0 && raw.source === 'deficiency') {
    at(source, ['criteria'], 'must list at least one criterion (an empty list is only for a finding that is not a deficiency)');
  }
  if (typeof raw.rootCause === 'string' && !known.rootCauseAt.has(raw.rootCause)) {
    at(source, ['rootCause'], `unknown root cause "${raw.rootCause}" (root causes are defined in root-causes/*.yaml)`);
  }
  const override = (raw.classification as Raw | undefined)?.override as Raw | undefined;
  if (override && typeof override === 'object' && override.severity === undefined && override.pervasive === undefined) {
    at(source, ['classification', 'override'], 'an override must set severity, pervasive or both', true);
  }

  const actions = (Array.isArray(raw.correctiveActions) ? (raw.correctiveActions as unknown[]) : []).map((value) => {
    const action = (value ?? {}) as Raw;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return { id: text(action.id), status: text(action.status), completedOn: action.completedOn === undefined ? undefined : String(action.completedOn) };
  });
  const actionProblems = within(['correctiveActions'], correctiveActionProblems(actions));
  issues.push(...inFile(source, actionProblems));

  const retests = (Array.isArray(raw.retests) ? (raw.retests as unknown[]) : []).map((value) => (value ?? {}) as Raw);
  const ids = codesInOrder('RT', retests.map((r) => (typeof r.id === 'string' ? r.id : undefined)));
  for (const { index, first } of repeats(ids)) {
    at(source, ['retests', index], `duplicate retest id "${ids[index]}" (first at ${source.locate(['retests', first])})`);
  }
  retests.forEach((retest, i) => {
    if (typeof retest.control === 'string' && !known.controls.has(retest.control)) {
      at(source, ['retests', i, 'control'], `retest of an unknown control "${retest.control}"`);
    } else if (retest.control === undefined && raw.control === undefined) {
      at(source, ['retests', i], 'a retest needs its control when the finding names none', true);
    }
    const problems = [...periodProblems(rawPeriod(retest)), ...sampleProblems(rawTest(retest))];
    issues.push(...inFile(source, within(['retests', i], problems)));
  });

  const history = Array.isArray(raw.history) ? (raw.history as unknown[]) : [];
  history.forEach((value, i) => {
    const change = (value ?? {}) as Raw;
    if (typeof change.from === 'string' && typeof change.to === 'string' && isStatus(change.from) && isStatus(change.to) && !isAllowedStep(change.from, change.to)) {
      at(source, ['history', i], `a finding cannot go from ${change.from} to ${change.to}`);
    }
  });
}

interface Known {
  inScope: Set<string>;
  pervasiveness: Examination['engagement']['pervasiveness'];
  controls: Map<string, Control>;
  tests: Map<string, ControlTest>;
  context: RetestContext;
  examined: () => ExaminationResult;
}

/** The domain's finding from a valid file: the forecast, failed samples and retest conclusions from the examination. */
function toFinding(source: YamlSource, file: FindingFile, known: Known, at: At): Finding | null {
  const control = file.control ? (known.controls.get(file.control) ?? null) : null;
  // By default the control's criteria that are in scope (a control may list criteria of categories not chosen).
  const criteria = file.criteria ? [...new Set(file.criteria)] : (control?.criteria ?? []).filter((c) => known.inScope.has(c));
  // The engine speaks for findings of its own deficiencies; the other sources carry a person's classification.
  const deficiency = file.source === 'deficiency' ? matchingDeficiency({ control: file.control ?? null, criteria }, known.examined()) : undefined;
  const forecast = deficiency ? forecastOf(deficiency, known.examined(), known.pervasiveness) : null;
  const classification = classify(source, file, deficiency && forecast ? { deficiency, forecast } : null, at);
  const failedSamples = failedSamplesOf(source, file, deficiency ? known.tests.get(file.control ?? '') : undefined, at);
  if (!classification || !failedSamples) return null;
  const retestIds = codesInOrder('RT', file.retests.map((r) => r.id));

  return {
    code: file.id,
    title: file.title,
    description: file.description ?? null,
    source: file.source,
    control: file.control ?? null,
    criteria,
    classification,
    status: file.status,
    identifiedOn: file.identifiedOn ?? null,
    failedSamples,
    rootCause: file.rootCause ?? null,
    correctiveActions: file.correctiveActions.map((a) => ({
      id: a.id,
      title: a.title,
      owner: a.owner ?? null,
      due: a.due ?? null,
      status: a.status,
      completedOn: a.completedOn ?? null,
      evidence: a.evidence,
      verification: a.verification
        ? { step: a.verification.step, by: a.verification.by ?? null, on: a.verification.on ?? null, result: a.verification.result ?? null, note: a.verification.note ?? null }
        : null,
    })),
    retests: file.retests.map((r, i) =>
      withConclusion(
        {
          id: retestIds[i] as string,
          control: r.control ?? (file.control as string),
          date: r.date,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          method: r.method,
          populationSize: r.populationSize ?? null,
          samples: r.samples.map((s) => ({ item: s.item, result: s.result, note: s.note ?? null })),
          conclusion: null,
          reasons: [],
        },
        known.context,
      ),
    ),
    riskAcceptance: file.riskAcceptance ? { ...file.riskAcceptance, acceptedOn: file.riskAcceptance.acceptedOn ?? null } : null,
    falsePositiveReason: file.falsePositiveReason ?? null,
    history: file.history.map((h) => ({ on: h.on, from: h.from ?? null, to: h.to, reason: h.reason ?? null })),
    ...(file.significantIncident === true && { significantIncident: true }),
  };
}

function toResponse(finding: string, file: NonNullable<FindingFile['managementResponse']>): RecordedResponse {
  return {
    finding,
    whatHappened: file.whatHappened,
    rootCause: file.rootCause,
    correctiveAction: file.correctiveAction,
    remediatedOn: file.remediatedOn ?? null,
    status: file.status,
    editedBy: file.editedBy ?? null,
    editedOn: file.editedOn ?? null,
    approvedBy: file.approvedBy ?? null,
    approvedOn: file.approvedOn ?? null,
  };
}

/**
 * The engine's forecast where the examination has a deficiency for the finding's control (a file may repeat it,
 * not contradict it: a different judgment is an override with a reason); else the file's own classification.
 */
function classify(
  source: YamlSource,
  file: FindingFile,
  engine: { deficiency: Deficiency; forecast: Classification } | null,
  at: At,
): Classification | null {
  const given = file.classification ?? {};
  const override = given.override
    ? { severity: given.override.severity ?? null, pervasive: given.override.pervasive ?? null, reason: given.override.reason, by: given.override.by ?? null, on: given.override.on ?? null }
    : null;
  if (engine) {
    const { deficiency, forecast } = engine;
    let ok = true;
    for (const field of ['kind', 'severity', 'pervasive'] as const) {
      const value = given[field];
      if (value !== undefined && value !== forecast[field]) {
        at(
          source,
          ['classification', field],
          `the engine forecasts ${field} ${String(forecast[field])} for ${deficiency.control ?? deficiency.criteria.join(', ')}; record a different judgment as classification.override with a reason`,
        );
        ok = false;
      }
    }
    return ok ? { ...forecast, override } : null;
  }
  if (given.kind === undefined || given.severity === undefined) {
    const why =
      file.source !== 'deficiency'
        ? `a finding of source ${file.source} carries its own classification`
        : file.control
          ? `the examination forecasts no deficiency for ${file.control}`
          : 'the examination forecasts no deficiency for its criteria';
    at(source, file.classification ? ['classification'] : [], `classification.kind and classification.severity are required: ${why}`, Boolean(file.classification));
    return null;
  }
  return { kind: given.kind, severity: given.severity, pervasive: given.pervasive ?? false, reasons: [], override };
}

/**
 * For a finding of a deficiency in this examination, its failed samples are those of the control's test: copied
 * when the file leaves them out, and when listed they must be exactly those (remediation never erases a deviation,
 * and a sample that passed is none). Other findings list their failed samples freely. The file may still call the
 * list by its older name, `deviations`.
 */
function failedSamplesOf(source: YamlSource, file: FindingFile, test: ControlTest | undefined, at: At): FailedSample[] | null {
  const key = file.failedSamples !== undefined ? 'failedSamples' : 'deviations';
  const listed = (file.failedSamples ?? file.deviations)?.map((d) => ({ item: d.item, note: d.note ?? null }));
  if (!test) return listed ?? [];
  const failed = test.samples.filter((s) => s.result === 'fail').map((s) => ({ item: s.item, note: s.note }));
  if (!listed) return failed;
  let ok = true;
  const failedItems = new Set(failed.map((d) => d.item));
  listed.forEach((d, i) => {
    if (!failedItems.has(d.item)) {
      at(source, [key, i, 'item'], `"${d.item}" is not a failed sample of the test of ${test.control}`);
      ok = false;
    }
  });
  const listedItems = new Set(listed.map((d) => d.item));
  for (const d of failed) {
    if (!listedItems.has(d.item)) {
      at(source, [key], `the test of ${test.control} also failed "${d.item}": a finding keeps every deviation (remediation never erases a deviation)`, true);
      ok = false;
    }
  }
  return ok ? listed : null;
}

/** The finding's status must be one the lifecycle lets it hold; the reasons say what is missing. */
function checkStatus(source: YamlSource, file: FindingFile, finding: Finding, context: RetestContext, at: At): void {
  const required = statusRequirements(finding, finding.status, context);
  if (!required.ok) at(source, ['status'], `status ${finding.status}: ${required.reasons.join(' ')}`);
  if (file.riskAcceptance && finding.status !== 'risk_accepted') {
    at(source, ['riskAcceptance'], `riskAcceptance is kept only while the status is risk_accepted (it is ${finding.status})`, true);
  }
  if (file.falsePositiveReason && finding.status !== 'false_positive') {
    at(source, ['falsePositiveReason'], `falsePositiveReason is kept only while the status is false_positive (it is ${finding.status})`, true);
  }
}

function isStatus(value: string): value is Finding['status'] {
  return (FINDING_STATUSES as readonly string[]).includes(value);
}
