/**
 * The system description: the engagement's system and categories, then management's description (DC1 to DC9) as
 * recorded, with its completeness warnings, the criteria not applicable with their reasons and the misstatements.
 * Without a recorded description the section says, in one marked place, what management has still to write.
 */
import {
  CATEGORY_NAMES,
  COMPONENT_KINDS,
  findCriterion,
  words,
  type ComplementaryControl,
  type SystemDescription,
} from '../../../domain/index.js';
import type { Block, Section } from '../../document/model.js';
import type { ReportData } from '../data.js';
import { dateText, listText, oneLine, periodDates } from '../words.js';

/** An enumerated value as a label: `subservice_organizations` → "Subservice organizations". */
function label(value: string): string {
  const text = words(value);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** What a section holds in words, or that management has not written it. */
function written(text: string): string {
  return text.trim() === '' ? 'Not written yet.' : oneLine(text);
}

function controlRows(controls: readonly ComplementaryControl[]): string[][] {
  return controls.map((c) => [oneLine(c.text), listText(c.criteria)]);
}

/** DC1 to DC9 as management recorded them, each section under its heading; a section left empty says so. */
function recordedParts(description: SystemDescription, locale: string): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: 'Services provided' },
    { kind: 'paragraph', tone: null, text: written(description.services) },
    { kind: 'heading', text: 'Principal service commitments and system requirements' },
    description.commitments.length === 0
      ? { kind: 'paragraph', tone: null, text: written('') }
      : { kind: 'list', ordered: false, items: description.commitments.map(oneLine) },
    { kind: 'heading', text: 'Components of the system' },
    { kind: 'facts', items: COMPONENT_KINDS.map((kind) => ({ label: label(kind), value: written(description.components[kind]) })) },
    { kind: 'heading', text: 'Significant incidents' },
    description.incidents.length === 0
      ? { kind: 'paragraph', tone: null, text: 'No significant incident is disclosed.' }
      : {
          kind: 'table',
          title: null,
          columns: ['Date', 'Incident', 'Finding'],
          rows: description.incidents.map((i) => [i.date === null ? '' : dateText(i.date, locale), oneLine(i.text), i.finding ?? '']),
        },
    { kind: 'heading', text: 'Significant changes to the system' },
    description.changes.length === 0
      ? { kind: 'paragraph', tone: null, text: 'No significant change is disclosed.' }
      : { kind: 'list', ordered: false, items: description.changes.map(oneLine) },
    { kind: 'heading', text: 'Subservice organisations' },
  ];
  if (description.subserviceOrganizations.length === 0) {
    blocks.push({ kind: 'paragraph', tone: null, text: 'The system uses no subservice organisation.' });
  }
  for (const organization of description.subserviceOrganizations) {
    const method = organization.method === 'carve_out' ? 'carved out: its controls are excluded, and the controls below are assumed of it' : 'included: its controls are part of this description';
    blocks.push({ kind: 'paragraph', tone: null, text: `${oneLine(organization.name)} (${written(organization.services)}), ${method}.` });
    if (organization.csocs.length > 0) {
      blocks.push({ kind: 'table', title: `Complementary subservice organisation controls of ${oneLine(organization.name)}`, columns: ['Control assumed', 'Criteria'], rows: controlRows(organization.csocs) });
    }
  }
  blocks.push({ kind: 'heading', text: 'Complementary user entity controls' });
  blocks.push(
    description.userEntityControls.length === 0
      ? { kind: 'paragraph', tone: null, text: 'The system expects no control of its customers.' }
      : { kind: 'table', title: null, columns: ['Control expected of customers', 'Criteria'], rows: controlRows(description.userEntityControls) },
  );
  return blocks;
}

/** Where management has recorded no description: the parts it must write, named in one marked place. */
const UNWRITTEN =
  'To be written by the service organisation: the services provided, principal service commitments and system requirements, the components of the system, significant incidents, complementary user entity controls, subservice organisations and their complementary controls, and significant changes. No system description is recorded yet.';

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
  ];
  const recorded = data.description ?? null;
  if (recorded === null) blocks.push({ kind: 'paragraph', tone: 'warning', text: UNWRITTEN });
  else {
    blocks.push(...recordedParts(recorded.description, data.locale));
    if (recorded.warnings.length > 0) {
      blocks.push(
        { kind: 'heading', text: 'Completeness warnings' },
        { kind: 'list', ordered: false, items: recorded.warnings.map((w) => `${label(w.section)}: ${oneLine(w.message)}`) },
      );
    }
  }
  blocks.push({ kind: 'heading', text: 'Criteria not applicable' });
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
