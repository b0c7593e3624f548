/**
 * The examination as OSCAL 1.1.3 assessment results (reference §7): one result over the period, with an
 * observation per control tested and per deviation, a finding per in-scope criterion (satisfied or not), and a
 * risk per deficiency characterised by likelihood, impact and severity.
 */
import { findingCodeOf, forecastOf, type ControlResult, type CriterionResult, type Deficiency, type Examination, type ExaminationResult, type Finding, type PervasivenessThresholds } from '../../domain/index.js';
import { OSCAL_METHODS, OSCAL_VERSION, RISK_STATUS, assayComponent, criterionTarget, deviationObservations, deviationUuid, endOfDay, organizationParty, prop, riskStatement, severityCharacterization, startOfDay, testsByControl, toolOrigin, uuidsFor, type BackMatter, type Component, type Metadata, type Observation, type OscalFinding, type Risk, type Uuids } from './common.js';
import { words } from '../../domain/index.js';
import { counted } from '../../domain/words.js';

export interface AssessmentResultsDocument {
  'assessment-results': {
    uuid: string;
    metadata: Metadata;
    'import-ap': { href: string; remarks?: string };
    results: AssessmentResult[];
    'back-matter'?: BackMatter;
  };
}

export interface AssessmentResult {
  uuid: string;
  title: string;
  description: string;
  start: string;
  end: string;
  props?: { name: string; value: string; ns?: string }[];
  'local-definitions'?: { components?: Component[] };
  'reviewed-controls': {
    description?: string;
    'control-selections': { description?: string; 'include-controls'?: { 'control-id': string }[]; 'exclude-controls'?: { 'control-id': string }[] }[];
    remarks?: string;
  };
  observations?: Observation[];
  risks?: Risk[];
  findings?: OscalFinding[];
  remarks?: string;
}

export interface OscalExportOptions {
  /** The document's last-modified time; by default the end of the period (documents stay reproducible). */
  lastModified?: string;
}

/**
 * The assessment results of an examination. `findings` (from the workspace) are optional: they give each
 * deficiency's risk its status and the auditor's override of its severity; the forecast itself is the engine's.
 */
export function assessmentResults(
  examination: Examination,
  result: ExaminationResult,
  findings: readonly Finding[] = [],
  options: OscalExportOptions = {},
): AssessmentResultsDocument {
  const uuids = uuidsFor(result);
  const start = startOfDay(result.periodStart ?? result.periodEnd);
  const end = endOfDay(result.periodEnd);
  const tests = testsByControl(examination);
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const findingById = new Map(findings.map((f) => [f.code, f]));

  const observations: Observation[] = [];
  const observationsOf = new Map<string, string[]>();
  for (const control of result.controls) {
    const test = tests.get(control.id);
    const summary = conclusionObservation(uuids, control, test?.method ?? null, result, end);
    const deviations = deviationObservations(uuids, control, test, end);
    observations.push(...(summary ? [summary] : []), ...deviations);
    observationsOf.set(control.id, [...(summary ? [summary.uuid] : []), ...deviations.map((o) => o.uuid)]);
  }

  const risks = result.deficiencies.map((d) =>
    deficiencyRisk(uuids, d, d.control ? controls.get(d.control) : undefined, findingById.get(findingCodeOf(d)), result, examination.engagement.pervasiveness),
  );
  const risksOf = (criterion: string) =>
    result.deficiencies.filter((d) => d.criteria.includes(criterion)).map((d) => uuids('risk', findingCodeOf(d)));

  const inScope = result.criteria.filter((c) => c.status !== 'not_applicable');
  const notApplicable = result.criteria.filter((c) => c.status === 'not_applicable');
  const party = organizationParty(uuids, result.organization);
  const period = result.reportType === 'type2' ? `${result.periodStart} to ${result.periodEnd}` : `as of ${result.periodEnd}`;
  const workspace = uuids('resource', 'workspace');

  return {
    'assessment-results': {
      uuid: uuids('assessment-results'),
      metadata: {
        title: `${result.organization}: ${result.system}, SOC 2 ${result.reportType === 'type2' ? 'Type 2' : 'Type 1'} examination ${period} (assessment results)`,
        'last-modified': options.lastModified ?? end,
        version: `${result.reportType}-${result.periodEnd}`,
        'oscal-version': OSCAL_VERSION,
        roles: [{ id: 'service-organization', title: 'Service organisation' }],
        parties: [party],
        'responsible-parties': [{ 'role-id': 'service-organization', 'party-uuids': [party.uuid] }],
        props: [
          prop('report-type', result.reportType),
          prop('categories', result.categories.join(' ')),
          prop('opinion-forecast', result.opinion.overall),
        ],
      },
      'import-ap': {
        href: `#${workspace}`,
        remarks: 'The plan of this examination is its Assay workspace (assay.yaml, controls/, tests/), described in the back matter.',
      },
      results: [
        {
          uuid: uuids('result'),
          title: `Forecast of the SOC 2 examination, ${period}`,
          description: `Assay's forecast of the service auditor's conclusions: opinion ${result.opinion.overall}${result.opinion.pervasive ? ' (pervasive)' : ''}. ${result.opinion.basis.join(' ')}`.trim(),
          start,
          end,
          props: [
            prop('opinion-forecast', result.opinion.overall),
            prop('opinion-description', result.opinion.subjects.description),
            prop('opinion-design', result.opinion.subjects.design),
            ...(result.opinion.subjects.operatingEffectiveness ? [prop('opinion-operating-effectiveness', result.opinion.subjects.operatingEffectiveness)] : []),
          ],
          'local-definitions': { components: [assayComponent(uuids)] },
          'reviewed-controls': {
            description: `The Trust Services Criteria in scope (${result.categories.join(', ')}).`,
            'control-selections': [{ 'include-controls': inScope.map((c) => ({ 'control-id': criterionTarget(c.id) })) }],
            ...(notApplicable.length > 0
              ? { remarks: `Not applicable: ${notApplicable.map((c) => `${c.id} (${c.reasons.join(' ')})`).join('; ')}` }
              : {}),
          },
          ...(observations.length > 0 ? { observations } : {}),
          ...(risks.length > 0 ? { risks } : {}),
          ...(inScope.length > 0
            ? { findings: inScope.map((c) => criterionFinding(uuids, c, c.controls.flatMap((id) => observationsOf.get(id) ?? []), risksOf(c.id))) }
            : {}),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: workspace,
            title: `Assay workspace of ${result.organization}: ${result.system}`,
            description: 'The examination as code: the engagement (assay.yaml), the controls and the tests of their operating effectiveness.',
          },
        ],
      },
    },
  };
}

/** A control's conclusion as an observation, except for a Type 2 control nobody tested or assessed. */
function conclusionObservation(
  uuids: Uuids,
  control: ControlResult,
  method: keyof typeof OSCAL_METHODS | null,
  result: ExaminationResult,
  collected: string,
): Observation | null {
  if (method === null && control.conclusion !== 'design_deficiency' && result.reportType === 'type2') return null;
  const evidence =
    control.sampleSize !== null
      ? `${counted(control.sampleSize, 'sample')} tested${control.populationSize !== null ? ` from a population of ${control.populationSize}` : ''}` +
        `${control.requiredSampleSize !== null ? ` (the frequency table asks for ${control.requiredSampleSize})` : ''}` +
        `; ${counted(control.deviations ?? 0, 'deviation')}.`
      : control.conclusion === 'design_deficiency'
        ? `The design of ${control.id} was assessed as deficient.`
        : `The design and implementation of ${control.id} were assessed.`;
  return {
    uuid: uuids('observation', 'conclusion', control.id),
    title: `${control.id}: ${words(control.conclusion)}`,
    description: `${control.title}. ${[...control.reasons, ...control.warnings].join(' ')}`.trim(),
    props: [prop('control-id', control.id), prop('conclusion', control.conclusion)],
    methods: [method ? OSCAL_METHODS[method] : 'EXAMINE'],
    types: ['control-objective'],
    'relevant-evidence': [{ description: evidence }],
    collected,
  };
}

/** One finding per in-scope criterion: satisfied when met (with or without exceptions), else not satisfied. */
function criterionFinding(uuids: Uuids, criterion: CriterionResult, observations: string[], risks: string[]): OscalFinding {
  const satisfied = criterion.status === 'met' || criterion.status === 'met_with_exceptions';
  const reason = satisfied ? 'pass' : criterion.status === 'not_met' ? 'fail' : 'other';
  return {
    uuid: uuids('finding', criterion.id),
    title: `${criterion.id}: ${criterion.title}`,
    description: criterion.reasons.join(' ') || `${criterion.id} is ${words(criterion.status)}.`,
    props: [prop('criterion-status', criterion.status), ...(criterion.failures.length > 0 ? [prop('failure', criterion.failures.join(' '))] : [])],
    target: {
      type: 'objective-id',
      'target-id': criterionTarget(criterion.id),
      status: {
        state: satisfied ? 'satisfied' : 'not-satisfied',
        reason,
        ...(criterion.status === 'unable_to_conclude' ? { remarks: 'Unable to conclude: a key control was not tested (scope limitation).' } : {}),
      },
    },
    ...(observations.length > 0 ? { 'related-observations': observations.map((o) => ({ 'observation-uuid': o })) } : {}),
    ...(risks.length > 0 ? { 'related-risks': risks.map((r) => ({ 'risk-uuid': r })) } : {}),
  };
}

/** A deficiency as a risk: its severity as facets, its deviations as related observations. */
function deficiencyRisk(
  uuids: Uuids,
  deficiency: Deficiency,
  control: ControlResult | undefined,
  finding: Finding | undefined,
  result: ExaminationResult,
  thresholds: PervasivenessThresholds,
): Risk {
  const classification = finding?.classification ?? forecastOf(deficiency, result, thresholds);
  const what = deficiency.control ?? deficiency.criteria.join(', ');
  return {
    uuid: uuids('risk', findingCodeOf(deficiency)),
    title: `${what}: ${words(classification.override?.severity ?? deficiency.severity)} (${deficiency.kind})`,
    description: [control ? `${control.id}: ${control.title}.` : '', ...(control?.reasons ?? []), ...deficiency.reasons].filter(Boolean).join(' '),
    statement: riskStatement(deficiency),
    props: [
      prop('finding-id', findingCodeOf(deficiency)),
      prop('source', 'deficiency'),
      prop('kind', deficiency.kind),
      ...(deficiency.control ? [prop('control-id', deficiency.control)] : []),
      ...(finding ? [prop('finding-status', finding.status)] : []),
    ],
    status: finding ? RISK_STATUS[finding.status] : 'open',
    origins: [toolOrigin(uuids)],
    characterizations: [severityCharacterization(uuids, classification, control ?? null)],
    ...(control && control.failedSamples.length > 0
      ? { 'related-observations': control.failedSamples.map((item) => ({ 'observation-uuid': deviationUuid(uuids, control.id, item) })) }
      : {}),
  };
}
