/**
 * The findings as an OSCAL 1.1.3 plan of action and milestones (reference §7): a POA&M item per finding, linked
 * to its risk (severity facets, corrective actions as remediations with their lifecycle, the status history as
 * the risk log), its deviations and retests as observations, and a finding per criterion it concerns.
 *
 * The items are the workspace's findings plus one open finding for each deficiency of the examination that has
 * none yet (deriveFindings): every deficiency needs a plan, even before anyone has written one.
 */
import { deriveFindings, effectiveSeverity, mergeDerivedFindings, type ControlResult, type Examination, type ExaminationResult, type Finding, type Retest, type RootCause } from '../../domain/index.js';
import { OSCAL_METHODS, OSCAL_VERSION, RISK_STATUS, assayComponent, criterionTarget, deviationObservations, endOfDay, oneLine, organizationParty, prop, riskStatement, severityCharacterization, startOfDay, testsByControl, toolOrigin, uuidsFor, type Component, type Metadata, type Observation, type OscalFinding, type Prop, type Response, type Risk, type Uuids } from './common.js';
import type { OscalExportOptions } from './assessment-results.js';
import { words } from '../../domain/index.js';
import { counted } from '../../domain/words.js';

export interface PoamItem {
  uuid: string;
  title: string;
  description: string;
  props?: Prop[];
  'related-findings'?: { 'finding-uuid': string }[];
  'related-observations'?: { 'observation-uuid': string }[];
  'related-risks'?: { 'risk-uuid': string }[];
  remarks?: string;
}

export interface PoamDocument {
  'plan-of-action-and-milestones': {
    uuid: string;
    metadata: Metadata;
    'system-id': { 'identifier-type': string; id: string };
    'local-definitions': { components: Component[] };
    observations?: Observation[];
    risks?: Risk[];
    findings?: OscalFinding[];
    'poam-items': PoamItem[];
  };
}

/** What the POA&M is made from: the examination, its result, and the findings and root causes of the workspace. */
export interface PoamInput {
  examination: Examination;
  result: ExaminationResult;
  findings: readonly Finding[];
  rootCauses: readonly RootCause[];
}

export function planOfActionAndMilestones(input: PoamInput, options: OscalExportOptions = {}): PoamDocument {
  const { examination, result } = input;
  const uuids = uuidsFor(result);
  const findings = mergeDerivedFindings(input.findings, deriveFindings(result, examination));
  const rootCauses = new Map(input.rootCauses.map((r) => [r.id, r]));
  const controls = new Map(result.controls.map((c) => [c.id, c]));
  const tests = testsByControl(examination);
  const periodEnd = endOfDay(result.periodEnd);

  const observations = new Map<string, Observation>();
  const risks: Risk[] = [];
  const oscalFindings: OscalFinding[] = [];
  const items: PoamItem[] = [];

  for (const finding of findings) {
    const control = finding.control ? controls.get(finding.control) : undefined;
    const deviations = failedSampleObservations(uuids, finding, control, tests.get(finding.control ?? ''), periodEnd);
    const retests = finding.retests.map((r) => retestObservation(uuids, finding, r));
    for (const o of [...deviations, ...retests]) observations.set(o.uuid, o);
    const related = [...deviations, ...retests].map((o) => ({ 'observation-uuid': o.uuid }));

    const risk = findingRisk(uuids, finding, control, related);
    risks.push(risk);
    const own = finding.criteria.map((criterion) => criterionFinding(uuids, finding, criterion, related, risk.uuid));
    oscalFindings.push(...own);

    const rootCause = finding.rootCause ? rootCauses.get(finding.rootCause) : undefined;
    items.push({
      uuid: uuids('poam-item', finding.code),
      title: finding.title,
      description: [
        finding.description ?? finding.title,
        rootCause ? `Root cause (${words(rootCause.category)}): ${rootCause.title}.` : 'Root cause not yet analysed.',
        finding.correctiveActions.length > 0
          ? `Corrective actions: ${finding.correctiveActions.map((a) => `${a.id} ${a.title} (${words(a.status)})`).join('; ')}.`
          : 'No corrective action planned yet.',
      ].join(' '),
      props: [
        prop('finding-id', finding.code),
        prop('finding-status', finding.status),
        prop('source', finding.source),
        prop('severity', effectiveSeverity(finding.classification)),
        ...(finding.control ? [prop('control-id', finding.control)] : []),
        ...(rootCause ? [prop('root-cause-id', rootCause.id), prop('root-cause-category', rootCause.category), prop('root-cause', rootCause.title)] : []),
      ],
      'related-findings': own.map((f) => ({ 'finding-uuid': f.uuid })),
      ...(related.length > 0 ? { 'related-observations': related } : {}),
      'related-risks': [{ 'risk-uuid': risk.uuid }],
      ...(rootCause ? { remarks: `Five whys:\n\n${rootCause.whys.map((w, i) => `${i + 1}. ${w}`).join('\n')}` } : {}),
    });
  }

  const party = organizationParty(uuids, result.organization);
  const period = result.reportType === 'type2' ? `${result.periodStart} to ${result.periodEnd}` : `as of ${result.periodEnd}`;
  return {
    'plan-of-action-and-milestones': {
      uuid: uuids('poam'),
      metadata: {
        title: `${result.organization}: ${result.system}, plan of action and milestones for the SOC 2 examination ${period}`,
        'last-modified': options.lastModified ?? lastChange(findings, periodEnd),
        version: `${result.reportType}-${result.periodEnd}`,
        'oscal-version': OSCAL_VERSION,
        roles: [{ id: 'service-organization', title: 'Service organisation' }],
        parties: [party],
        'responsible-parties': [{ 'role-id': 'service-organization', 'party-uuids': [party.uuid] }],
        props: [prop('opinion-forecast', result.opinion.overall)],
      },
      'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: uuids('system') },
      'local-definitions': { components: [assayComponent(uuids)] },
      ...(observations.size > 0 ? { observations: [...observations.values()] } : {}),
      ...(risks.length > 0 ? { risks } : {}),
      ...(oscalFindings.length > 0 ? { findings: oscalFindings } : {}),
      // The schema asks for at least one item: with no finding at all, one item says so.
      'poam-items': items.length > 0 ? items : [{ uuid: uuids('poam-item', 'none'), title: 'No findings', description: 'The examination has no deficiency and the workspace records no finding.' }],
    },
  };
}

/**
 * A finding's failed samples (its deviations) as observations. Those of a deficiency of this examination are the very observations of
 * the assessment results (same UUIDs); others (monitoring, auditor observations) get their own.
 */
function failedSampleObservations(
  uuids: Uuids,
  finding: Finding,
  control: ControlResult | undefined,
  test: Examination['tests'][number] | undefined,
  collected: string,
): Observation[] {
  const failed = new Set(control?.failedSamples ?? []);
  const fromTest = finding.source === 'deficiency' && control ? finding.failedSamples.filter((d) => failed.has(d.item)) : [];
  const own = finding.failedSamples.filter((d) => !fromTest.includes(d));
  return [
    ...(control ? deviationObservations(uuids, { ...control, failedSamples: fromTest.map((d) => d.item) }, test, collected) : []),
    ...own.map(
      (d): Observation => ({
        uuid: uuids('observation', 'finding-deviation', finding.code, d.item),
        title: `${finding.code} deviation: ${d.item}`,
        description: d.note ?? `${d.item} did not meet ${finding.control ?? finding.criteria.join(', ')}.`,
        props: [prop('finding-id', finding.code), prop('sample-item', d.item), ...(finding.control ? [prop('control-id', finding.control)] : [])],
        methods: [finding.source === 'monitoring' ? 'TEST' : 'EXAMINE'],
        types: ['finding'],
        'relevant-evidence': [{ description: `${words(finding.source)}: ${d.note ?? d.item}` }],
        collected: finding.identifiedOn ? endOfDay(finding.identifiedOn) : collected,
      }),
    ),
  ];
}

function retestObservation(uuids: Uuids, finding: Finding, retest: Retest): Observation {
  const failed = retest.samples.filter((s) => s.result === 'fail').length;
  return {
    uuid: uuids('observation', 'retest', finding.code, retest.id),
    title: `Retest ${retest.id} of ${retest.control}: ${retest.conclusion ? words(retest.conclusion) : 'not concluded'}`,
    description: retest.reasons.join(' ') || `Retest of ${retest.control} over ${retest.periodStart} to ${retest.periodEnd}.`,
    props: [
      prop('finding-id', finding.code),
      prop('control-id', retest.control),
      prop('retest-id', retest.id),
      ...(retest.conclusion ? [prop('conclusion', retest.conclusion)] : []),
    ],
    methods: [OSCAL_METHODS[retest.method]],
    types: ['mitigation'],
    'relevant-evidence': [
      {
        description: `${counted(retest.samples.length, 'sample')} from a population of ${retest.populationSize ?? 'unknown size'} over ${retest.periodStart} to ${retest.periodEnd}, after the fix; ${counted(failed, 'deviation')}.`,
      },
    ],
    collected: endOfDay(retest.date),
  };
}

function findingRisk(uuids: Uuids, finding: Finding, control: ControlResult | undefined, related: { 'observation-uuid': string }[]): Risk {
  const severity = effectiveSeverity(finding.classification);
  const remediations: Response[] = finding.correctiveActions.map((action) => ({
    uuid: uuids('remediation', finding.code, action.id),
    lifecycle: action.status === 'done' ? 'completed' : 'planned',
    title: `${action.id}: ${action.title}`,
    description: [
      `${action.title}.`,
      action.owner ? `Owner: ${action.owner}.` : '',
      action.due ? `Due ${action.due}.` : '',
      `Status: ${words(action.status)}${action.completedOn ? `, completed on ${action.completedOn}` : ''}.`,
      action.evidence.length > 0 ? `Evidence: ${action.evidence.join('; ')}.` : '',
      action.verification
        ? `Verification: ${action.verification.step}${action.verification.result ? ` (${action.verification.result}${action.verification.on ? ` on ${action.verification.on}` : ''})` : ''}.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    props: [
      { name: 'type', value: 'mitigate' },
      prop('action-id', action.id),
      prop('action-status', action.status),
      ...(action.owner ? [prop('owner', action.owner)] : []),
      ...(action.completedOn ? [prop('completed-on', action.completedOn)] : []),
      ...(action.verification?.result ? [prop('verification-result', action.verification.result)] : []),
    ],
    ...(action.due
      ? { tasks: [{ uuid: uuids('task', finding.code, action.id), type: 'milestone', title: `${action.id} due`, timing: { 'on-date': { date: endOfDay(action.due) } } }] }
      : {}),
  }));
  const acceptance = finding.riskAcceptance;
  if (acceptance) {
    remediations.push({
      uuid: uuids('remediation', finding.code, 'risk-acceptance'),
      lifecycle: 'completed',
      title: `Risk accepted by ${acceptance.approver}`,
      description: acceptance.reason,
      props: [{ name: 'type', value: 'accept' }, prop('approver', acceptance.approver)],
      tasks: [{ uuid: uuids('task', finding.code, 'risk-acceptance'), type: 'milestone', title: 'Risk acceptance expires', timing: { 'on-date': { date: endOfDay(acceptance.expires) } } }],
    });
  }
  const open = finding.correctiveActions.filter((a) => a.status !== 'done' && a.due !== null).map((a) => a.due as string);
  const deadline = acceptance?.expires ?? open.sort().at(-1);
  const criteriaNotMet = severity === 'material_weakness' ? finding.criteria : [];
  return {
    uuid: uuids('risk', finding.code),
    title: finding.title,
    description: [finding.description ?? finding.title, ...finding.classification.reasons].join(' '),
    statement: riskStatement({ severity, criteria: finding.criteria, criteriaNotMet }),
    props: [
      prop('finding-id', finding.code),
      prop('finding-status', finding.status),
      prop('source', finding.source),
      prop('kind', finding.classification.kind),
      ...(finding.control ? [prop('control-id', finding.control)] : []),
      ...(finding.status === 'false_positive' ? [prop('false-positive', finding.falsePositiveReason ?? 'true')] : []),
    ],
    status: RISK_STATUS[finding.status],
    origins: [toolOrigin(uuids)],
    characterizations: [severityCharacterization(uuids, finding.classification, control ?? null)],
    ...(deadline ? { deadline: endOfDay(deadline) } : {}),
    ...(remediations.length > 0 ? { remediations } : {}),
    ...(finding.history.length > 0
      ? {
          'risk-log': {
            entries: finding.history.map((change, i) => ({
              uuid: uuids('risk-log', finding.code, String(i)),
              title: change.from ? `${words(change.from)} → ${words(change.to)}` : words(change.to),
              ...(change.reason ? { description: change.reason } : {}),
              start: startOfDay(change.on),
              'status-change': RISK_STATUS[change.to],
            })),
          },
        }
      : {}),
    ...(related.length > 0 ? { 'related-observations': related } : {}),
  };
}

/** The finding's view of one criterion it concerns: not satisfied until the finding is closed (or not one). */
function criterionFinding(uuids: Uuids, finding: Finding, criterion: string, related: { 'observation-uuid': string }[], risk: string): OscalFinding {
  const resolved = finding.status === 'closed' || finding.status === 'false_positive';
  return {
    uuid: uuids('poam-finding', finding.code, criterion),
    title: `${finding.code} on ${criterion}: ${finding.title}`,
    description: oneLine(finding.description ?? finding.title),
    props: [prop('finding-id', finding.code)],
    target: {
      type: 'objective-id',
      'target-id': criterionTarget(criterion),
      status: { state: resolved ? 'satisfied' : 'not-satisfied', reason: resolved ? 'pass' : 'fail' },
    },
    ...(related.length > 0 ? { 'related-observations': related } : {}),
    'related-risks': [{ 'risk-uuid': risk }],
  };
}

/** The latest date anything in the findings happened (never before the period end): the document's last change. */
function lastChange(findings: readonly Finding[], periodEnd: string): string {
  const dates = findings.flatMap((f) => [
    f.identifiedOn,
    ...f.history.map((h) => h.on),
    ...f.correctiveActions.flatMap((a) => [a.completedOn, a.verification?.on ?? null]),
    ...f.retests.map((r) => r.date),
    f.classification.override?.on ?? null,
  ]);
  const latest = dates.filter((d): d is string => d !== null).map(endOfDay).sort().at(-1);
  return latest && latest > periodEnd ? latest : periodEnd;
}
