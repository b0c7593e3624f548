/**
 * Shared pieces of the OSCAL 1.1.3 exports (reference §7): the subset of the model Assay writes, deterministic
 * UUIDs, dates, properties, and the observations, characterizations and statuses both documents use.
 *
 * Determinism: every UUID is a version 5 UUID (RFC 4122: SHA-1 of a namespace and a name) whose name is built
 * from the examination (organisation, system, period) and the thing's own id, and every timestamp comes from the
 * input, so the same workspace always gives the same document, byte for byte.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  effectivePervasive,
  effectiveSeverity,
  type Classification,
  type ControlResult,
  type ControlTest,
  type Deficiency,
  type Examination,
  type ExaminationResult,
  type FindingStatus,
  type Severity,
  type TestMethod,
} from '../../domain/index.js';

export const OSCAL_VERSION = '1.1.3';
/** The namespace of Assay's own property names and facet values (docs/findings.md, "OSCAL"). */
export const ASSAY_NS = 'urn:assay:oscal';

// ---------------------------------------------------------------------------------------------------------
// The part of the OSCAL model Assay writes and reads (names as in the JSON format).

export interface Prop {
  name: string;
  value: string;
  ns?: string;
  class?: string;
  remarks?: string;
}
export interface Party {
  uuid: string;
  type: 'person' | 'organization';
  name?: string;
}
export interface Metadata {
  title: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  roles?: { id: string; title: string }[];
  parties?: Party[];
  'responsible-parties'?: { 'role-id': string; 'party-uuids': string[] }[];
  props?: Prop[];
  remarks?: string;
}
export interface RelevantEvidence {
  description: string;
  href?: string;
  props?: Prop[];
  remarks?: string;
}
export interface Actor {
  type: 'tool' | 'assessment-platform' | 'party';
  'actor-uuid': string;
  'role-id'?: string;
}
export interface Origin {
  actors: Actor[];
}
export interface Observation {
  uuid: string;
  title?: string;
  description: string;
  props?: Prop[];
  methods: string[];
  types?: string[];
  origins?: Origin[];
  subjects?: { 'subject-uuid': string; type: string; title?: string }[];
  'relevant-evidence'?: RelevantEvidence[];
  collected: string;
  expires?: string;
  remarks?: string;
}
export interface Facet {
  name: string;
  system: string;
  value: string;
  props?: Prop[];
  remarks?: string;
}
export interface Characterization {
  props?: Prop[];
  origin: Origin;
  facets: Facet[];
}
export interface Task {
  uuid: string;
  type: string;
  title: string;
  description?: string;
  props?: Prop[];
  timing?: { 'on-date'?: { date: string }; 'within-date-range'?: { start: string; end: string } };
  remarks?: string;
}
export interface Response {
  uuid: string;
  lifecycle: string;
  title: string;
  description: string;
  props?: Prop[];
  origins?: Origin[];
  tasks?: Task[];
  remarks?: string;
}
export interface RiskLogEntry {
  uuid: string;
  title?: string;
  description?: string;
  start: string;
  end?: string;
  'status-change'?: string;
  remarks?: string;
}
export interface Risk {
  uuid: string;
  title: string;
  description: string;
  statement: string;
  props?: Prop[];
  status: string;
  origins?: Origin[];
  characterizations?: Characterization[];
  'mitigating-factors'?: { uuid: string; description: string }[];
  deadline?: string;
  remediations?: Response[];
  'risk-log'?: { entries: RiskLogEntry[] };
  'related-observations'?: { 'observation-uuid': string }[];
  remarks?: string;
}
export interface FindingTarget {
  type: 'objective-id' | 'statement-id';
  'target-id': string;
  title?: string;
  description?: string;
  props?: Prop[];
  status: { state: 'satisfied' | 'not-satisfied'; reason?: string; remarks?: string };
  remarks?: string;
}
export interface OscalFinding {
  uuid: string;
  title: string;
  description: string;
  props?: Prop[];
  origins?: Origin[];
  target: FindingTarget;
  'implementation-statement-uuid'?: string;
  'related-observations'?: { 'observation-uuid': string }[];
  'related-risks'?: { 'risk-uuid': string }[];
  remarks?: string;
}
export interface Component {
  uuid: string;
  type: string;
  title: string;
  description: string;
  status: { state: string };
  props?: Prop[];
}
export interface BackMatter {
  resources: { uuid: string; title?: string; description?: string; props?: Prop[]; remarks?: string }[];
}

// ---------------------------------------------------------------------------------------------------------
// Deterministic UUIDs

const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A version 5 UUID (RFC 4122 §4.3): SHA-1 over the namespace's 16 bytes and the name's UTF-8 bytes. */
export function uuidV5(name: string, namespace: string): string {
  const ns = hexToBytes(namespace.replaceAll('-', ''));
  const input = new Uint8Array(ns.length + utf8ToBytes(name).length);
  input.set(ns);
  input.set(utf8ToBytes(name), ns.length);
  const bytes = sha1(input).slice(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Assay's namespace for OSCAL UUIDs, itself a v5 UUID of ASSAY_NS in the URL namespace. */
export const ASSAY_UUID_NAMESPACE = uuidV5(ASSAY_NS, URL_NAMESPACE);

/**
 * UUIDs for the things of one examination: the same kind and ids give the same UUID in every document made from
 * it (an observation of a deviation in the assessment results is the same observation in the POA&M).
 */
export function uuidsFor(result: Pick<ExaminationResult, 'organization' | 'system' | 'reportType' | 'periodStart' | 'periodEnd'>) {
  const scope = [result.organization, result.system, result.reportType, result.periodStart ?? '', result.periodEnd].join('\u001f');
  return (kind: string, ...ids: string[]) => uuidV5([scope, kind, ...ids].join('\u001f'), ASSAY_UUID_NAMESPACE);
}
export type Uuids = ReturnType<typeof uuidsFor>;

// ---------------------------------------------------------------------------------------------------------
// Dates, text and properties

/** An ISO date at the start of the day, UTC, as OSCAL's date-time-with-timezone. */
export function startOfDay(date: string): string {
  return `${date}T00:00:00Z`;
}

/** An ISO date at the end of the day, UTC: the end of a period includes its last day. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59Z`;
}

/** OSCAL's string datatype: non-empty, one line, no surrounding spaces. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line === '' ? '-' : line;
}

/** An Assay property (its value made a valid OSCAL string). */
export function prop(name: string, value: string, remarks?: string): Prop {
  return { name, ns: ASSAY_NS, value: oneLine(value), ...(remarks ? { remarks } : {}) };
}

/** `CC6.2` → `cc6.2`: criteria are OSCAL controls of the Trust Services Criteria catalogue, ids in lower case. */
export function criterionTarget(criterion: string): string {
  return criterion.toLowerCase();
}


// ---------------------------------------------------------------------------------------------------------
// Pieces both documents use

/** SOC 2 test methods as OSCAL observation methods (reference §4). */
export const OSCAL_METHODS: Record<TestMethod, 'INTERVIEW' | 'EXAMINE' | 'TEST'> = {
  inquiry: 'INTERVIEW',
  observation: 'EXAMINE',
  inspection: 'EXAMINE',
  reperformance: 'TEST',
};

/** Assay itself, the tool behind every forecast: a component the origins of observations and risks point at. */
export function assayComponent(uuids: Uuids): Component {
  return {
    uuid: uuids('component', 'assay'),
    type: 'software',
    title: 'Assay',
    description: "Assay's examination engine: control conclusions, criterion statuses, deficiencies and the opinion forecast.",
    status: { state: 'operational' },
  };
}

export function toolOrigin(uuids: Uuids): Origin {
  return { actors: [{ type: 'tool', 'actor-uuid': uuids('component', 'assay') }] };
}

export function organizationParty(uuids: Uuids, organization: string): Party {
  return { uuid: uuids('party', 'organization'), type: 'organization', name: organization };
}

/**
 * One observation per deviation: the failed sample, how it was tested (the test method as OSCAL's), what the
 * tester noted, collected at the end of the period.
 */
export function deviationObservations(
  uuids: Uuids,
  control: Pick<ControlResult, 'id' | 'populationSize' | 'failedSamples'>,
  test: ControlTest | undefined,
  collected: string,
): Observation[] {
  const notes = new Map((test?.samples ?? []).map((s) => [s.item, s.note]));
  const method = test ? OSCAL_METHODS[test.method] : 'EXAMINE';
  return control.failedSamples.map((item) => {
    const note = notes.get(item) ?? null;
    const population = control.populationSize === null ? 'the population' : `the population of ${control.populationSize}`;
    return {
      uuid: deviationUuid(uuids, control.id, item),
      title: `${control.id} deviation: ${item}`,
      description: note ?? `Sample ${item} of ${control.id} did not operate as described.`,
      props: [prop('control-id', control.id), prop('sample-item', item), prop('sample-result', 'fail')],
      methods: [method],
      types: ['finding'],
      'relevant-evidence': [
        {
          description: `Sample ${item}, selected from ${population} and tested by ${test?.method ?? 'inspection'} for ${control.id}: ${note ?? 'the control did not operate as described'}.`,
        },
      ],
      collected,
    };
  });
}

export function deviationUuid(uuids: Uuids, control: string, item: string): string {
  return uuids('observation', 'deviation', control, item);
}

/**
 * Severity as OSCAL facets (docs/findings.md): likelihood from how the control failed, impact from what the
 * failure does to the criteria, severity in the SOC 2 words. The auditor's override stands where there is one;
 * the engine's forecast is kept as a property beside it.
 */
export function severityCharacterization(
  uuids: Uuids,
  classification: Classification,
  control: Pick<ControlResult, 'conclusion'> | null,
): Characterization {
  const severity = effectiveSeverity(classification);
  const props: Prop[] = [prop('forecast-severity', classification.severity), prop('forecast-pervasive', String(classification.pervasive))];
  if (classification.override) {
    props.push(prop('override-reason', classification.override.reason));
    if (classification.override.by) props.push(prop('override-by', classification.override.by));
  }
  return {
    props,
    origin: toolOrigin(uuids),
    facets: [
      { name: 'likelihood', system: ASSAY_NS, value: likelihoodOf(classification, control) },
      { name: 'impact', system: ASSAY_NS, value: impactOf(severity, effectivePervasive(classification)) },
      { name: 'severity', system: ASSAY_NS, value: severity },
    ],
  };
}

/**
 * Likelihood that the control fails to prevent or detect (reference §3): high for a design failure or no
 * control at all (it fails every time), moderate when it did not operate, low for exceptions within tolerance.
 */
function likelihoodOf(classification: Classification, control: Pick<ControlResult, 'conclusion'> | null): string {
  if (classification.kind === 'design') return 'high';
  if (control?.conclusion === 'effective_with_exceptions') return 'low';
  if (control?.conclusion === 'not_effective') return 'moderate';
  return classification.severity === 'deficiency' ? 'low' : 'moderate';
}

/** Impact on the service commitments: what the deficiency does to the criteria (and through them the opinion). */
function impactOf(severity: Severity, pervasive: boolean): string {
  if (pervasive) return 'very-high';
  return severity === 'material_weakness' ? 'high' : severity === 'significant_deficiency' ? 'moderate' : 'low';
}

/** A finding's status as an OSCAL risk status. */
export const RISK_STATUS: Record<FindingStatus, string> = {
  open: 'open',
  analysing: 'investigating',
  remediating: 'remediating',
  ready_for_retest: 'remediating',
  closed: 'closed',
  risk_accepted: 'deviation-approved',
  false_positive: 'closed',
};

/** Test of each control by id, for the method and the samples' notes. */
export function testsByControl(examination: Pick<Examination, 'tests'>): Map<string, ControlTest> {
  return new Map(examination.tests.map((t) => [t.control, t]));
}

/** What the deficiency does to the service commitments, in the words of reference §3. */
export function riskStatement(deficiency: Pick<Deficiency, 'severity' | 'criteria' | 'criteriaNotMet'>): string {
  switch (deficiency.severity) {
    case 'material_weakness':
      return `It leaves ${deficiency.criteriaNotMet.join(', ')} not met, which leads to a modified opinion.`;
    case 'significant_deficiency':
      return deficiency.criteria.length > 0
        ? `The control is not relied on, but ${deficiency.criteria.join(', ')} ${deficiency.criteria.length === 1 ? 'is' : 'are'} still met through other or compensating controls; it merits governance attention (CC4.2).`
        : 'The control is not relied on; it merits governance attention (CC4.2).';
    default:
      return 'Exceptions within the tolerable rate: the control is still relied on.';
  }
}
