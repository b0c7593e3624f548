/**
 * Completeness checks of the system description (docs/system-description.md): each is a warning a person reads,
 * naming the section and the item to fix. Items are named by what they are (a subservice organisation's name, a
 * criterion, a finding's code), never by their place in a list, and the warnings come in one order whatever the
 * order of the description's lists, so the same description always warns the same.
 */
import type { Control, Misstatement, NotApplicableCriterion } from '../engagement.js';
import type { Finding } from '../findings/model.js';
import { COMPONENT_KINDS, DESCRIPTION_SECTIONS, type DescriptionSection, type SystemDescription } from './model.js';

export const DESCRIPTION_WARNING_KINDS = ['empty_section', 'carve_out_without_csocs', 'not_applicable_without_reason', 'undisclosed_incident'] as const;
export type DescriptionWarningKind = (typeof DESCRIPTION_WARNING_KINDS)[number];

export interface DescriptionWarning {
  kind: DescriptionWarningKind;
  section: DescriptionSection;
  /** The item the warning is about, in the section's terms: a component, an organisation, a criterion, a finding code; null for the section as a whole. */
  item: string | null;
  message: string;
}

/** What a finding needs to be judged a significant incident. */
export type IncidentCandidate = Pick<Finding, 'code' | 'title' | 'source' | 'control' | 'status' | 'history'> & { significantIncident?: boolean };

/** A significant incident found in the findings or in monitoring, with why it is one. */
export interface SignificantIncident {
  finding: string;
  title: string;
  why: string;
}

/**
 * The significant incidents among the findings: a finding a person marked as one, and a monitoring regression
 * (a check's finding reopened after it was closed: the failure came back) of a key control, the controls the
 * description relies on for the criteria. A false positive is no incident. In finding code order.
 */
export function significantIncidents(findings: readonly IncidentCandidate[], controls: readonly Pick<Control, 'id' | 'key'>[]): SignificantIncident[] {
  const key = new Set(controls.filter((c) => c.key).map((c) => c.id));
  const found: SignificantIncident[] = [];
  for (const f of findings) {
    if (f.status === 'false_positive') continue;
    if (f.significantIncident === true) found.push({ finding: f.code, title: f.title, why: 'marked a significant incident' });
    else if (f.source === 'monitoring' && f.control !== null && key.has(f.control) && f.history.some((s) => s.from === 'closed' && s.to === 'open')) {
      found.push({ finding: f.code, title: f.title, why: `monitoring found key control ${f.control} failing again after the finding was closed` });
    }
  }
  return found.sort((a, b) => compare(a.finding, b.finding));
}

/** Every completeness warning of the description, in section order, then by item. */
export function descriptionWarnings(
  description: SystemDescription,
  notApplicable: readonly NotApplicableCriterion[],
  incidents: readonly SignificantIncident[],
): DescriptionWarning[] {
  const warnings: DescriptionWarning[] = [];
  const blank = (text: string) => text.trim() === '';
  const empty = (section: DescriptionSection, item: string | null, message: string) => warnings.push({ kind: 'empty_section', section, item, message });

  if (blank(description.services)) empty('services', null, 'The services provided (DC1) are not described.');
  if (description.commitments.every(blank)) empty('commitments', null, 'No principal service commitment or system requirement (DC2) is stated.');
  for (const kind of COMPONENT_KINDS) {
    if (blank(description.components[kind])) empty('components', kind, `The ${kind} component of the system (DC3) is not described.`);
  }
  for (const org of description.subserviceOrganizations) {
    if (org.method === 'carve_out' && org.csocs.every((c) => blank(c.text))) {
      warnings.push({
        kind: 'carve_out_without_csocs',
        section: 'subservice_organizations',
        item: org.name,
        message: `${org.name} is carved out but no complementary subservice organisation control (CSOC) is assumed of it (DC7).`,
      });
    }
  }
  for (const na of notApplicable) {
    if (blank(na.reason)) {
      warnings.push({ kind: 'not_applicable_without_reason', section: 'not_applicable', item: na.criterion, message: `${na.criterion} is not applicable but no reason is given (DC8).` });
    }
  }
  const disclosed = new Set(description.incidents.flatMap((i) => (i.finding === null ? [] : [i.finding])));
  for (const incident of incidents) {
    if (!disclosed.has(incident.finding)) {
      warnings.push({
        kind: 'undisclosed_incident',
        section: 'incidents',
        item: incident.finding,
        message: `Significant incident ${incident.finding} (${incident.title}; ${incident.why}) is not disclosed in the description (DC4).`,
      });
    }
  }
  const rank = (s: DescriptionSection) => DESCRIPTION_SECTIONS.indexOf(s);
  return warnings.sort((a, b) => rank(a.section) - rank(b.section) || compare(a.item ?? '', b.item ?? '') || compare(a.kind, b.kind));
}

/** The description misstatements the warnings amount to: each undisclosed significant incident is one (not pervasive). */
export function descriptionMisstatements(warnings: readonly DescriptionWarning[]): Misstatement[] {
  return warnings
    .filter((w) => w.kind === 'undisclosed_incident')
    .map((w) => ({ text: `The system description does not disclose significant incident ${w.item ?? ''}`.trim(), pervasive: false }));
}

// Code-point order, the same on every machine and locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
