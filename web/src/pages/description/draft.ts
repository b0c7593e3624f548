/** The description as the page edits it (lists as typed lines), and back to what the API records. */
import type { SystemDescriptionInput } from '../../api/description.js';
import { complementaryOf, complementaryText, linesOf } from './lines.js';

export interface OrganizationDraft {
  name: string;
  services: string;
  method: 'carve_out' | 'inclusive';
  csocs: string;
}

export interface IncidentDraft {
  finding: string;
  date: string;
  text: string;
}

export interface DescriptionDraft {
  services: string;
  commitments: string;
  components: SystemDescriptionInput['components'];
  incidents: IncidentDraft[];
  changes: string;
  organizations: OrganizationDraft[];
  userEntityControls: string;
}

export function draftOf(description: SystemDescriptionInput): DescriptionDraft {
  return {
    services: description.services,
    commitments: description.commitments.join('\n'),
    components: { ...description.components },
    incidents: description.incidents.map((i) => ({ finding: i.finding ?? '', date: i.date ?? '', text: i.text })),
    changes: description.changes.join('\n'),
    organizations: description.subserviceOrganizations.map((o) => ({ name: o.name, services: o.services, method: o.method, csocs: complementaryText(o.csocs) })),
    userEntityControls: complementaryText(description.userEntityControls),
  };
}

export function descriptionOf(draft: DescriptionDraft): SystemDescriptionInput {
  return {
    services: draft.services.trim(),
    commitments: linesOf(draft.commitments),
    components: draft.components,
    incidents: draft.incidents.map((i) => ({ finding: i.finding.trim() === '' ? null : i.finding.trim(), date: i.date === '' ? null : i.date, text: i.text.trim() })),
    changes: linesOf(draft.changes),
    subserviceOrganizations: draft.organizations.map((o) => ({ name: o.name.trim(), services: o.services.trim(), method: o.method, csocs: complementaryOf(o.csocs) })),
    userEntityControls: complementaryOf(draft.userEntityControls),
  };
}

/** The list with its item at `index` changed by `patch`, the others as they are. */
export function withItem<T>(items: readonly T[], index: number, patch: Partial<T>): T[] {
  return items.map((item, i) => (i === index ? { ...item, ...patch } : item));
}
