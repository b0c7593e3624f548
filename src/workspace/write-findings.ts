/**
 * Findings and root causes written as workspace files (docs/findings.md): `root-causes/<id>.yaml` and
 * `findings/<id>.yaml`. What the loader works out from the examination is left out so the file cannot contradict
 * it: the engine's forecast of a deficiency it still finds, the failed samples that are exactly the test's failed
 * samples, the criteria that are the control's, and every retest's conclusion.
 */
import { Document } from 'yaml';
import {
  criteriaOfCategories,
  examine,
  matchingDeficiency,
  type Classification,
  type CorrectiveAction,
  type Examination,
  type ExaminationResult,
  type Finding,
  type RecordedResponse,
  type Retest,
  type RootCause,
} from '../domain/index.js';
import { FileNames, flow, map, optional, prose, samplesNode, yamlText, type Fields } from './yaml-write.js';

/**
 * The files of the findings and root causes, root causes first (the order the loader reads them in), each finding
 * with its management response when it has one; pure.
 */
export function renderFindings(
  examination: Examination,
  findings: readonly Finding[],
  rootCauses: readonly RootCause[],
  responses: readonly RecordedResponse[],
): { path: string; text: string }[] {
  if (findings.length === 0 && rootCauses.length === 0) return [];
  const responseOf = new Map(responses.map((r) => [r.finding, r]));
  const result = examine(examination);
  const inScope = new Set(criteriaOfCategories(examination.engagement.categories).map((c) => c.id));
  const rootCauseNames = new FileNames();
  const findingNames = new FileNames();
  return [
    ...rootCauses.map((r) => ({ path: `root-causes/${rootCauseNames.take(r.id)}.yaml`, text: yamlText(rootCauseDocument(r)) })),
    ...findings.map((f) => ({
      path: `findings/${findingNames.take(f.code)}.yaml`,
      text: yamlText(findingDocument(f, responseOf.get(f.code) ?? null, { examination, result, inScope })),
    })),
  ];
}

function rootCauseDocument(rootCause: RootCause): Document {
  const doc = new Document();
  doc.contents = map(doc, [
    ['id', rootCause.id],
    ['title', rootCause.title],
    ['category', rootCause.category],
    ['whys', rootCause.whys],
  ]);
  return doc;
}

interface Context {
  examination: Examination;
  result: ExaminationResult;
  inScope: Set<string>;
}

function findingDocument(finding: Finding, response: RecordedResponse | null, context: Context): Document {
  const doc = new Document();
  const control = context.examination.controls.find((c) => c.id === finding.control);
  // A deficiency the examination still has: its forecast and failed samples are the engine's, read back from the test.
  const engine = finding.source === 'deficiency' && matchingDeficiency(finding, context.result) !== undefined;
  const failed = engine ? context.examination.tests.find((t) => t.control === finding.control)?.samples.filter((s) => s.result === 'fail') : undefined;
  const failedDerived =
    failed !== undefined &&
    failed.length === finding.failedSamples.length &&
    failed.every((s, i) => s.item === finding.failedSamples[i]?.item && s.note === finding.failedSamples[i]?.note);
  const defaultCriteria = (control?.criteria ?? []).filter((c) => context.inScope.has(c));
  const criteriaDefault = control !== undefined && sameList(finding.criteria, defaultCriteria);

  const fields: Fields = [
    ['id', finding.code],
    ['title', finding.title],
    ...optional('description', finding.description),
    ['source', finding.source],
    ...optional('control', finding.control),
    ...(criteriaDefault ? [] : ([['criteria', flow(doc, finding.criteria)]] as Fields)),
    ...optional('identifiedOn', finding.identifiedOn),
    ['status', finding.status],
    ...classificationFields(doc, finding.classification, engine),
    ...optional('rootCause', finding.rootCause),
  ];
  if (!failedDerived && finding.failedSamples.length > 0) {
    fields.push(['failedSamples', doc.createNode(finding.failedSamples.map((d) => oneLine(doc, [['item', d.item], ...optional('note', d.note)])))]);
  }
  if (finding.correctiveActions.length > 0) fields.push(['correctiveActions', doc.createNode(finding.correctiveActions.map((a) => actionNode(doc, a)))]);
  if (finding.retests.length > 0) fields.push(['retests', doc.createNode(finding.retests.map((r) => retestNode(doc, r, finding.control)))]);
  if (finding.riskAcceptance) {
    const { approver, reason, expires, acceptedOn } = finding.riskAcceptance;
    fields.push(['riskAcceptance', map(doc, [['approver', approver], ['reason', reason], ['expires', expires], ...optional('acceptedOn', acceptedOn)])]);
  }
  fields.push(...optional('falsePositiveReason', finding.falsePositiveReason));
  if (finding.significantIncident === true) fields.push(['significantIncident', true]);
  if (finding.history.length > 0) {
    const steps = finding.history.map((h) => oneLine(doc, [['on', h.on], ...optional('from', h.from), ['to', h.to], ...optional('reason', h.reason)]));
    fields.push(['history', doc.createNode(steps)]);
  }
  if (response) fields.push(['managementResponse', responseNode(doc, response)]);
  doc.contents = map(doc, fields);
  return doc;
}

/** The engine's forecast is computed on reading, so only the override is written for a deficiency it still finds. */
function classificationFields(doc: Document, classification: Classification, engine: boolean): Fields {
  const override = classification.override;
  const fields: Fields = engine
    ? []
    : [['kind', classification.kind], ['severity', classification.severity], ...(classification.pervasive ? ([['pervasive', true]] as Fields) : [])];
  if (override) {
    fields.push([
      'override',
      map(doc, [
        ...optional('severity', override.severity),
        ...optional('pervasive', override.pervasive),
        ['reason', override.reason],
        ...optional('by', override.by),
        ...optional('on', override.on),
      ]),
    ]);
  }
  return fields.length > 0 ? [['classification', map(doc, fields)]] : [];
}

function actionNode(doc: Document, action: CorrectiveAction) {
  const verification = action.verification;
  return map(doc, [
    ['id', action.id],
    ['title', action.title],
    ...optional('owner', action.owner),
    ...optional('due', action.due),
    ['status', action.status],
    ...optional('completedOn', action.completedOn),
    ...(action.evidence.length > 0 ? ([['evidence', flow(doc, action.evidence)]] as Fields) : []),
    ...(verification
      ? ([
          [
            'verification',
            map(doc, [
              ['step', verification.step],
              ...optional('by', verification.by),
              ...optional('on', verification.on),
              ...optional('result', verification.result),
              ...optional('note', verification.note),
            ]),
          ],
        ] as Fields)
      : []),
  ]);
}

/** A retest without its conclusion: the engine concludes again when the file is read. */
function retestNode(doc: Document, retest: Retest, findingControl: string | null) {
  return map(doc, [
    ['id', retest.id],
    ...(retest.control !== findingControl ? ([['control', retest.control]] as Fields) : []),
    ['date', retest.date],
    ['periodStart', retest.periodStart],
    ['periodEnd', retest.periodEnd],
    ['method', retest.method],
    ...optional('populationSize', retest.populationSize),
    ...(retest.samples.length > 0 ? ([['samples', samplesNode(doc, retest.samples)]] as Fields) : []),
  ]);
}

/** The response last, as management's words about everything above it. */
function responseNode(doc: Document, response: RecordedResponse) {
  return map(doc, [
    ['whatHappened', prose(response.whatHappened)],
    ['rootCause', prose(response.rootCause)],
    ['correctiveAction', prose(response.correctiveAction)],
    ...optional('remediatedOn', response.remediatedOn),
    ['status', response.status],
    ...optional('editedBy', response.editedBy),
    ...optional('editedOn', response.editedOn),
    ...optional('approvedBy', response.approvedBy),
    ...optional('approvedOn', response.approvedOn),
  ]);
}

/** A short mapping on one line (`- {on: 2026-07-01, to: open}`) while it fits. */
function oneLine(doc: Document, fields: Fields) {
  const node = map(doc, fields);
  node.flow = fields.reduce((n, [k, v]) => n + k.length + String(v).length + 4, 4) <= 100 && !fields.some(([, v]) => /[\r\n]/.test(String(v)));
  return node;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
