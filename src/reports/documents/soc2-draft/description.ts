/**
 * The system description as far as Assay holds it: the engagement's system, categories, the criteria not
 * applicable with their reasons and the misstatements recorded. The narrative parts (services, commitments,
 * components, incidents, CUECs, subservice organisations, changes) are not data Assay holds yet: the section says
 * so in one marked place, where they go once they are.
 */
import { CATEGORY_NAMES, findCriterion } from '../../../domain/index.js';
import type { Block, Section } from '../../document/model.js';
import type { ReportData } from '../data.js';
import { listText, oneLine, periodDates } from '../words.js';

/** The parts of a SOC 2 system description that Assay does not hold yet (reference §2). */
const NARRATIVE_PARTS = [
  'the services provided',
  'principal service commitments and system requirements',
  'the components of the system (infrastructure, software, people, procedures and data)',
  'significant incidents',
  'complementary user entity controls',
  'subservice organisations and complementary subservice organisation controls',
  'significant changes to the system',
];

export function systemDescription(data: ReportData): Section {
  const { engagement } = data.examination;
  const blocks: Block[] = [
    {
      kind: 'facts',
      items: [
        { label: 'Service organisation', value: engagement.organization },
        { label: 'System', value: engagement.system },
        { label: 'Report', value: engagement.reportType === 'type2' ? 'Type 2' : 'Type 1' },
        { label: 'Period', value: periodDates(engagement, data.locale) },
        { label: 'Categories in scope', value: listText(engagement.categories.map((c) => CATEGORY_NAMES[c])) },
      ],
    },
    {
      kind: 'paragraph',
      tone: 'warning',
      text: `To be written by the service organisation: ${listText(NARRATIVE_PARTS)}. Assay does not hold these parts of the description yet.`,
    },
    { kind: 'heading', text: 'Criteria not applicable' },
  ];
  if (engagement.notApplicable.length === 0) {
    blocks.push({ kind: 'paragraph', tone: null, text: 'Every criterion of the categories in scope applies to the system.' });
  } else {
    blocks.push({
      kind: 'table',
      title: null,
      columns: ['Criterion', 'Title', 'Why it does not apply'],
      rows: engagement.notApplicable.map((n) => [n.criterion, findCriterion(n.criterion)?.title ?? '', oneLine(n.reason)]),
    });
  }
  if (engagement.misstatements.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Misstatements of the description' },
      { kind: 'list', ordered: false, items: engagement.misstatements.map((m) => `${oneLine(m.text)}${m.pervasive ? ' (pervasive)' : ''}`) },
    );
  }
  return { title: 'Description of the system', blocks };
}
