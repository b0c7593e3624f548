/**
 * Other information: management's responses to the exceptions. The same rules and words as the Markdown report's
 * section (`other-information.ts`): only approved responses are quoted, and drafts are counted, not shown.
 */
import { findingSubject, OTHER_INFORMATION_INTRO, responsesByStatus } from '../../other-information.js';
import type { Block, Section } from '../../document/model.js';
import type { ReportData } from '../data.js';
import { counted, dateText, listText, oneLine } from '../words.js';

export function managementResponses(data: ReportData): Section {
  const input = { findings: data.findings, responses: data.responses };
  const { approved, drafts } = responsesByStatus(input);
  const findings = new Map(data.findings.map((f) => [f.code, f]));
  const responses = new Map(data.responses.map((r) => [r.finding, r]));
  const blocks: Block[] = [
    { kind: 'paragraph', tone: null, text: OTHER_INFORMATION_INTRO },
  ];
  const exceptions = data.findings.filter((f) => f.status !== 'false_positive').length;
  if (exceptions === 0) blocks.push({ kind: 'paragraph', tone: null, text: 'No exception calls for a response.' });
  else if (approved.length === 0) blocks.push({ kind: 'paragraph', tone: null, text: 'No management response has been approved yet.' });
  for (const code of approved) {
    const finding = findings.get(code);
    const response = responses.get(code);
    if (!finding || !response) continue;
    blocks.push(
      { kind: 'heading', text: `${finding.code}: ${oneLine(finding.title)}` },
      { kind: 'paragraph', tone: null, text: findingSubject(finding) },
      {
        kind: 'facts',
        items: [
          { label: 'What happened', value: response.whatHappened.trim() },
          { label: 'Root cause', value: response.rootCause.trim() },
          { label: 'Corrective action', value: response.correctiveAction.trim() },
          { label: 'Date remediated', value: response.remediatedOn === null ? 'Not remediated yet.' : dateText(response.remediatedOn, data.locale) },
        ],
      },
    );
  }
  if (drafts.length > 0) {
    blocks.push({ kind: 'paragraph', tone: 'neutral', text: `${counted(drafts.length, 'response')} awaiting approval, not included: ${listText(drafts)}.` });
  }
  return { title: "Other information: management's responses to exceptions", blocks };
}
