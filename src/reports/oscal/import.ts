/**
 * Findings from OSCAL assessment results or a POA&M (NIST's examples, another tool's, or Assay's own exports).
 * The document is validated against NIST's OSCAL 1.1.3 schema first: anything else is refused with a
 * ValidationError naming the JSON path of each problem, and nothing is returned.
 *
 * Mapping (docs/findings.md, "Import"): in assessment results every risk is a finding, with the OSCAL findings
 * that relate to it giving its targets, and a not-satisfied OSCAL finding without a risk is one too; in a POA&M
 * every poam-item is a finding, with its risks (status, severity, remediations) and observations (deviations).
 * Assay's own properties (namespace ASSAY_NS), where present, are read back exactly.
 *
 * Pure: the same document gives the same findings (ids from the document's UUIDs, dates from the document).
 * Linear in the document's size: every lookup goes through a map built once. At most MAX_IMPORTED_FINDINGS
 * findings come from one document, and the first MAX_IMPORT_WARNINGS warnings are kept (with their count).
 */
import {
  ACTION_STATUSES,
  FAILURE_KINDS,
  FINDING_SOURCES,
  FINDING_STATUSES,
  ROOT_CAUSE_CATEGORIES,
  SEVERITIES,
  ValidationError,
  isCriterionId,
  statusRequirements,
  type Classification,
  type CorrectiveAction,
  type FailedSample,
  type Finding,
  type FindingStatus,
  type RiskAcceptance,
  type RootCause,
  type RootCauseCategory,
  type Severity,
} from '../../domain/index.js';
import { MAX_IMPORTED_FINDINGS } from '../../domain/limits.js';
import { ASSAY_NS, type Observation, type OscalFinding, type Prop, type Response, type Risk } from './common.js';
import type { PoamItem } from './poam.js';
import { validateOscal } from './schema.js';
import { UniqueNames, words } from '../../domain/index.js';
import { nounFor } from '../../domain/words.js';

/** Warnings kept of one import: enough to act on, never a copy of the document. */
export const MAX_IMPORT_WARNINGS = 100;

/**
 * What the importing person may write, from the permission table: the document cannot carry in what the
 * caller could not record by hand. Without `overrides` (finding.judge) an auditor's override is left out; without
 * `completedActions` (finding.remediate) a corrective action marked done is; each with a warning.
 */
export interface ImportRights {
  overrides: boolean;
  completedActions: boolean;
}

export interface OscalImport {
  model: 'assessment-results' | 'plan-of-action-and-milestones';
  /** The document's UUID and title, for the record of where the findings came from. */
  documentUuid: string;
  title: string;
  findings: Finding[];
  /** The root causes an Assay POA&M carries (other documents have none). */
  rootCauses: RootCause[];
  /**
   * What could not be carried over as it stood (an unresolved reference, a status the lifecycle does not allow
   * yet, what the importer may not write): the first MAX_IMPORT_WARNINGS of them.
   */
  warnings: string[];
  /** How many warnings there were in all. */
  warningCount: number;
}

/** OSCAL risk statuses back to a finding's (the inverse of RISK_STATUS, as near as it goes). */
const STATUS_OF_RISK: Record<string, FindingStatus> = {
  open: 'open',
  investigating: 'analysing',
  remediating: 'remediating',
  'deviation-requested': 'analysing',
  'deviation-approved': 'risk_accepted',
  closed: 'closed',
};

/** Each status the lifecycle comes through before this one, nearest first: where an import steps back to. */
const STEP_BACK: Record<FindingStatus, FindingStatus | null> = {
  closed: 'ready_for_retest',
  ready_for_retest: 'remediating',
  remediating: 'analysing',
  risk_accepted: 'analysing',
  false_positive: 'open',
  analysing: 'open',
  open: null,
};

/**
 * Refuses anything that is not OSCAL assessment results or a POA&M, or that holds more than
 * MAX_IMPORTED_FINDINGS findings; maps it to findings, with what `rights` allows the importer to write.
 */
export function findingsFromOscal(json: unknown, rights: ImportRights): OscalImport {
  let document = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json) as unknown;
    } catch (error) {
      throw new ValidationError([{ location: '$', message: `not JSON: ${(error as Error).message}` }], 'The document is not OSCAL');
    }
  }
  const issues = validateOscal(document, ['assessment-results', 'plan-of-action-and-milestones']);
  if (issues.length > 0) throw new ValidationError(issues, 'The document is not valid OSCAL assessment results or a POA&M');

  const root = document as Record<string, Record<string, unknown>>;
  const model = 'assessment-results' in root ? 'assessment-results' : 'plan-of-action-and-milestones';
  const body = root[model] as { uuid: string; metadata: { title: string; 'last-modified': string } };
  const importer = createImporter(model, body.uuid, body.metadata, rights);
  if (model === 'assessment-results') fromAssessmentResults(importer, body as unknown as AssessmentResultsBody);
  else fromPoam(importer, body as unknown as PoamBody);
  return {
    model,
    documentUuid: body.uuid,
    title: body.metadata.title,
    findings: importer.findings,
    rootCauses: [...importer.rootCauses.values()],
    warnings: importer.warnings.kept,
    warningCount: importer.warnings.count,
  };
}

/** Warnings as they come: the first MAX_IMPORT_WARNINGS kept, all counted. */
function createWarnings() {
  const kept: string[] = [];
  let count = 0;
  return {
    kept,
    get count() {
      return count;
    },
    push(warning: string) {
      count += 1;
      if (kept.length < MAX_IMPORT_WARNINGS) kept.push(warning);
    },
  };
}

type Warnings = ReturnType<typeof createWarnings>;

interface AssessmentResultsBody {
  results: { uuid: string; title: string; start: string; observations?: Observation[]; risks?: Risk[]; findings?: OscalFinding[] }[];
}

interface PoamBody {
  observations?: Observation[];
  risks?: Risk[];
  findings?: OscalFinding[];
  /** A poam-item's UUID is optional in OSCAL 1.1.3. */
  'poam-items': (Omit<PoamItem, 'uuid'> & { uuid?: string })[];
}

type Importer = ReturnType<typeof createImporter>;

function createImporter(
  model: OscalImport['model'],
  documentUuid: string,
  metadata: { title: string; 'last-modified': string },
  rights: ImportRights,
) {
  const findings: Finding[] = [];
  const warnings = createWarnings();
  const rootCauses = new Map<string, RootCause>();
  const ids = new UniqueNames();
  const kind = model === 'assessment-results' ? 'assessment results' : 'POA&M';
  const items = model === 'assessment-results' ? 'risks and not-satisfied findings' : 'poam-items';
  return {
    findings,
    warnings,
    rootCauses,
    /** The document's own date: imported findings record their import on it, so the result does not depend on the clock. */
    on: dateOf(metadata['last-modified']),
    origin: `OSCAL ${kind} "${metadata.title}" (${documentUuid})`,
    /** A finding id not used yet in this import: the Assay id where the document carries one, else from the UUID. */
    idFor(props: Prop[] | undefined, uuid: string | undefined, fallback: string): string {
      const wanted = assayProp(props, 'finding-id') ?? (uuid ? `OSCAL-${uuid.slice(0, 8)}` : fallback);
      return ids.take(wanted);
    },
    add(finding: Finding) {
      if (findings.length === MAX_IMPORTED_FINDINGS) {
        throw new ValidationError(
          [{ location: `$.${model}`, message: `more than ${MAX_IMPORTED_FINDINGS} findings (${items}): at most ${MAX_IMPORTED_FINDINGS} are imported from one document; split it` }],
          `The document holds more findings than one import takes (${MAX_IMPORTED_FINDINGS})`,
        );
      }
      findings.push(settleStatus(withinRights(finding, rights, warnings), warnings));
    },
  };
}

/** The finding without what the importer may not write (see ImportRights), each left-out part named in a warning. */
function withinRights(finding: Finding, rights: ImportRights, warnings: Warnings): Finding {
  let kept = finding;
  const override = finding.classification.override;
  if (override !== null && !rights.overrides) {
    warnings.push(`${finding.code}: the auditor's override (${override.severity ? words(override.severity) : 'pervasiveness'}) is not imported: it needs the finding.judge permission.`);
    kept = { ...kept, classification: { ...kept.classification, override: null } };
  }
  const done = finding.correctiveActions.filter((a) => a.status === 'done');
  if (done.length > 0 && !rights.completedActions) {
    warnings.push(`${finding.code}: ${nounFor(done.length, 'corrective action')} ${done.map((a) => a.id).join(', ')} marked done ${done.length === 1 ? 'is' : 'are'} not imported: completing one needs the finding.remediate permission.`);
    kept = { ...kept, correctiveActions: kept.correctiveActions.filter((a) => a.status !== 'done') };
  }
  return kept;
}

function fromAssessmentResults(importer: Importer, body: AssessmentResultsBody): void {
  for (const result of body.results) {
    const observations = new Map((result.observations ?? []).map((o) => [o.uuid, o]));
    const risks = new Map((result.risks ?? []).map((r) => [r.uuid, r]));
    const findings = result.findings ?? [];
    const findingsOf = groupBy(findings, (f) => (f['related-risks'] ?? []).map((r) => r['risk-uuid']));

    for (const risk of risks.values()) {
      const related = findingsOf.get(risk.uuid) ?? [];
      const observationIds = [...(risk['related-observations'] ?? []), ...related.flatMap((f) => f['related-observations'] ?? [])].map((o) => o['observation-uuid']);
      importer.add(
        fromRisk(importer, {
          id: importer.idFor(risk.props, risk.uuid, `OSCAL-RISK`),
          title: risk.title,
          description: [risk.description, risk.statement].join('\n\n'),
          props: risk.props,
          risks: [risk],
          targets: related,
          observations: resolve(importer, observationIds, observations, `risk ${risk.uuid}`),
          identifiedOn: dateOf(result.start),
        }),
      );
    }
    for (const finding of findings) {
      const known = (finding['related-risks'] ?? []).filter((r) => risks.has(r['risk-uuid']));
      if (finding.target.status.state !== 'not-satisfied' || known.length > 0) continue;
      const observationIds = (finding['related-observations'] ?? []).map((o) => o['observation-uuid']);
      importer.add(
        fromRisk(importer, {
          id: importer.idFor(finding.props, finding.uuid, 'OSCAL-FINDING'),
          title: finding.title,
          description: finding.description,
          props: finding.props,
          risks: [],
          targets: [finding],
          observations: resolve(importer, observationIds, observations, `finding ${finding.uuid}`),
          identifiedOn: dateOf(result.start),
        }),
      );
    }
  }
}

function fromPoam(importer: Importer, body: PoamBody): void {
  const observations = new Map((body.observations ?? []).map((o) => [o.uuid, o]));
  const risks = new Map((body.risks ?? []).map((r) => [r.uuid, r]));
  const findings = new Map((body.findings ?? []).map((f) => [f.uuid, f]));
  const risksOf = groupBy([...risks.values()], (r) => (r['related-observations'] ?? []).map((o) => o['observation-uuid']));
  const used = new Set<string>();

  body['poam-items'].forEach((item, i) => {
    const where = `poam-item ${item.uuid ?? `#${i + 1}`}`;
    const observationIds = (item['related-observations'] ?? []).map((o) => o['observation-uuid']);
    const itemRisks: Risk[] = [];
    for (const { 'risk-uuid': uuid } of item['related-risks'] ?? []) {
      const risk = risks.get(uuid);
      if (risk) itemRisks.push(risk);
      else {
        // A dangling reference (NIST's own example points one at a mitigating factor): the risk that shares the
        // item's observations is the one meant, if there is exactly one.
        const sharing = [...new Set(observationIds.flatMap((o) => risksOf.get(o) ?? []))];
        if (sharing.length === 1 && sharing[0]) {
          itemRisks.push(sharing[0]);
          importer.warnings.push(`${where} refers to a risk ${uuid} the document does not define; took risk ${sharing[0].uuid}, which shares its observations.`);
        } else importer.warnings.push(`${where} refers to a risk ${uuid} the document does not define; ignored.`);
      }
    }
    itemRisks.forEach((r) => used.add(r.uuid));
    const targets: OscalFinding[] = [];
    for (const { 'finding-uuid': uuid } of item['related-findings'] ?? []) {
      const finding = findings.get(uuid);
      if (finding) targets.push(finding);
      else importer.warnings.push(`${where} refers to a finding ${uuid} the document does not define; ignored.`);
    }
    const riskObservations = itemRisks.flatMap((r) => r['related-observations'] ?? []).map((o) => o['observation-uuid']);
    const rootCause = rootCauseOf(item);
    if (rootCause && !importer.rootCauses.has(rootCause.id)) importer.rootCauses.set(rootCause.id, rootCause);
    importer.add(
      fromRisk(importer, {
        rootCause: rootCause?.id ?? null,
        id: importer.idFor(item.props, item.uuid, `OSCAL-ITEM-${i + 1}`),
        title: item.title,
        description: item.description,
        props: item.props,
        risks: itemRisks,
        targets,
        observations: resolve(importer, [...observationIds, ...riskObservations], observations, where),
        identifiedOn: null,
      }),
    );
  });
  for (const risk of risks.values()) {
    if (!used.has(risk.uuid)) importer.warnings.push(`risk ${risk.uuid} ("${risk.title}") belongs to no poam-item; not imported.`);
  }
}

interface Unit {
  id: string;
  rootCause?: string | null;
  title: string;
  description: string;
  props: Prop[] | undefined;
  risks: Risk[];
  targets: OscalFinding[];
  observations: Observation[];
  identifiedOn: string | null;
}

/** One finding from a risk (or poam-item) with its targets and observations. */
function fromRisk(importer: Importer, unit: Unit): Finding {
  const risk = unit.risks[0];
  const props = [...(unit.props ?? []), ...(risk?.props ?? [])];
  const remediations = unit.risks.flatMap((r) => r.remediations ?? []);
  const accept = remediations.find((r) => plainProp(r.props, 'type') === 'accept');
  const criteria = [...new Set(unit.targets.map((t) => t.target['target-id'].toUpperCase()).filter(isCriterionId))];
  const others = unit.targets.filter((t) => !isCriterionId(t.target['target-id'].toUpperCase()));
  const collected = unit.observations.map((o) => dateOf(o.collected)).sort();

  const status = (oneOf(FINDING_STATUSES, assayProp(props, 'finding-status')) ?? (risk ? STATUS_OF_RISK[risk.status] : undefined) ?? 'open') as FindingStatus;
  const acceptance: RiskAcceptance | null =
    status === 'risk_accepted'
      ? {
          approver: assayProp(accept?.props, 'approver') ?? 'not named in the OSCAL document',
          reason: accept?.description ?? risk?.description ?? unit.title,
          expires: dateOf(taskDate(accept) ?? risk?.deadline ?? `${importer.on}T00:00:00Z`),
          acceptedOn: null,
        }
      : null;

  return {
    code: unit.id,
    title: unit.title,
    description: [
      unit.description,
      others.length > 0 ? `OSCAL targets: ${others.map((t) => `${t.target['target-id']} (${t.target.status.state})`).join(', ')}.` : '',
      `Imported from ${importer.origin}.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    source: (oneOf(FINDING_SOURCES, assayProp(props, 'source')) ?? 'auditor_observation') as Finding['source'],
    control: assayProp(props, 'control-id') ?? null,
    criteria,
    classification: classificationOf(risk, props),
    status,
    identifiedOn: collected[0] ?? unit.identifiedOn,
    failedSamples: unit.observations.map(failedSampleOf),
    rootCause: unit.rootCause ?? null,
    correctiveActions: remediations.filter((r) => r !== accept).map(actionOf),
    retests: [],
    riskAcceptance: acceptance,
    falsePositiveReason: status === 'false_positive' ? (assayProp(props, 'false-positive') ?? 'Marked as a false positive in the OSCAL document') : null,
    history: [{ on: importer.on, from: null, to: status, reason: `Imported from ${importer.origin}.` }],
  };
}

/**
 * Severity and kind: Assay's own (forecast, and the facet as an override where they differ) when the document is
 * Assay's; otherwise from the facets. *Choice:* generic facets never make a material weakness, which needs a
 * criterion not met: high impact is a significant deficiency, anything else a deficiency.
 */
function classificationOf(risk: Risk | undefined, props: Prop[]): Classification {
  const characterization = risk?.characterizations?.[0];
  const facets = risk?.characterizations?.flatMap((c) => c.facets) ?? [];
  const facet = (name: string) => facets.find((f) => f.name === name)?.value;
  const kind = (oneOf(FAILURE_KINDS, assayProp(props, 'kind')) ?? 'operating') as Classification['kind'];
  const stated = oneOf(SEVERITIES, facet('severity')) as Severity | undefined;
  const forecast = oneOf(SEVERITIES, assayProp(characterization?.props, 'forecast-severity')) as Severity | undefined;
  if (forecast) {
    const overridden = stated && stated !== forecast;
    return {
      kind,
      severity: forecast,
      pervasive: assayProp(characterization?.props, 'forecast-pervasive') === 'true',
      reasons: ['The forecast recorded in the OSCAL document.'],
      override: overridden
        ? {
            severity: stated,
            pervasive: null,
            reason: assayProp(characterization?.props, 'override-reason') ?? 'Recorded in the OSCAL document',
            by: assayProp(characterization?.props, 'override-by') ?? null,
            on: null,
          }
        : null,
    };
  }
  const impact = facet('impact')?.toLowerCase();
  const likelihood = facet('likelihood')?.toLowerCase();
  const severity: Severity = stated ?? (impact === 'high' || impact === 'very-high' ? 'significant_deficiency' : 'deficiency');
  return {
    kind,
    severity,
    pervasive: false,
    reasons: [
      facets.length > 0
        ? `From the OSCAL risk's facets: ${facets.map((f) => `${f.name} ${f.value}`).join(', ')}${stated ? '' : `; ${impact === 'high' || impact === 'very-high' ? 'high impact' : 'no high impact'} → ${words(severity)}`}.`
        : 'The OSCAL document characterises no severity: a deficiency until judged.',
      ...(likelihood && !stated ? ['A material weakness needs a criterion not met; judge it and record an override.'] : []),
    ],
    override: null,
  };
}

/** The root cause an Assay POA&M item names (id, category and title as properties, the five whys in its remarks). */
function rootCauseOf(item: { props?: Prop[]; remarks?: string }): RootCause | null {
  const id = assayProp(item.props, 'root-cause-id');
  const category = oneOf(ROOT_CAUSE_CATEGORIES, assayProp(item.props, 'root-cause-category')) as RootCauseCategory | undefined;
  const title = assayProp(item.props, 'root-cause');
  if (!id || !category || !title) return null;
  const whys = (item.remarks ?? '')
    .split('\n')
    .map((line) => /^\d+\.\s+(.*)$/.exec(line.trim())?.[1])
    .filter((why): why is string => Boolean(why));
  return { id, title, category, whys: whys.length > 0 ? whys : [title] };
}

function failedSampleOf(observation: Observation): FailedSample {
  const text = [observation.description, observation.remarks].filter(Boolean).join(' ');
  return { item: assayProp(observation.props, 'sample-item') ?? observation.title ?? observation.uuid, note: text || null };
}

function actionOf(remediation: Response, i: number): CorrectiveAction {
  const id = assayProp(remediation.props, 'action-id') ?? `CA-${i + 1}`;
  const status = (oneOf(ACTION_STATUSES, assayProp(remediation.props, 'action-status')) ??
    (remediation.lifecycle === 'completed' ? 'done' : 'planned')) as CorrectiveAction['status'];
  const completedOn = assayProp(remediation.props, 'completed-on') ?? null;
  const due = taskDate(remediation);
  return {
    id,
    title: remediation.title.startsWith(`${id}: `) ? remediation.title.slice(id.length + 2) : remediation.title,
    owner: assayProp(remediation.props, 'owner') ?? null,
    due: due ? dateOf(due) : null,
    status,
    completedOn: status === 'done' ? completedOn : null,
    evidence: [],
    verification: null,
  };
}

/**
 * The status as near to the document's as the lifecycle allows with what the document carries: a finding never
 * comes in `closed` without a retest Assay can conclude on, and so on down the way through.
 */
function settleStatus(finding: Finding, warnings: Warnings): Finding {
  const noControls = { control: () => undefined, sampling: { confidence: 0.9, tolerableRate: 0.1 } };
  let status: FindingStatus | null = finding.status;
  const reasons: string[] = [];
  while (status !== null) {
    const required = statusRequirements({ ...finding, status }, status, noControls);
    if (required.ok) break;
    reasons.push(...required.reasons);
    status = STEP_BACK[status];
  }
  const settled = status ?? 'open';
  if (settled === finding.status) return finding;
  warnings.push(`${finding.code} is ${finding.status} in the document but imported as ${settled}: ${reasons.join(' ')}`);
  return {
    ...finding,
    status: settled,
    riskAcceptance: settled === 'risk_accepted' ? finding.riskAcceptance : null,
    falsePositiveReason: settled === 'false_positive' ? finding.falsePositiveReason : null,
    history: finding.history.map((h) => ({ ...h, to: settled })),
  };
}

function resolve(importer: Importer, uuids: string[], observations: Map<string, Observation>, where: string): Observation[] {
  const found: Observation[] = [];
  for (const uuid of new Set(uuids)) {
    const observation = observations.get(uuid);
    if (!observation) importer.warnings.push(`${where} refers to an observation ${uuid} the document does not define; ignored.`);
    // Assay's own conclusion and retest observations are not deviations.
    else if (!assayProp(observation.props, 'conclusion') && !assayProp(observation.props, 'retest-id')) found.push(observation);
  }
  return found;
}

/** Each key's items, in document order, an item listed once under each key it names. */
function groupBy<T>(items: readonly T[], keysOf: (item: T) => string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keysOf(item))) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

function taskDate(response: Response | undefined): string | undefined {
  const timing = response?.tasks?.find((t) => t.timing)?.timing;
  return timing?.['on-date']?.date ?? timing?.['within-date-range']?.end;
}

/** The date an OSCAL date-time names, as written (its own time zone). */
function dateOf(dateTime: string): string {
  return dateTime.slice(0, 10);
}

function assayProp(props: Prop[] | undefined, name: string): string | undefined {
  return props?.find((p) => p.name === name && p.ns === ASSAY_NS)?.value;
}

function plainProp(props: Prop[] | undefined, name: string): string | undefined {
  return props?.find((p) => p.name === name)?.value;
}

function oneOf(values: readonly string[], value: string | undefined): string | undefined {
  return value !== undefined && values.includes(value) ? value : undefined;
}
