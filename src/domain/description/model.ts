/**
 * The system description (description criteria DC1–DC9, reference §2): what management says the system is.
 * The description is management's; the auditor reads it and reports whether it is fairly presented, so a
 * description that leaves out a significant incident is a misstatement of its own (DESIGN §5, "description").
 * Plain text only: the report renders it.
 */

/** How a subservice organisation's controls are treated (reference §2). */
export const SUBSERVICE_METHODS = ['carve_out', 'inclusive'] as const;
export type SubserviceMethod = (typeof SUBSERVICE_METHODS)[number];

/** The system's components (DC3), each described in words. */
export const COMPONENT_KINDS = ['infrastructure', 'software', 'people', 'procedures', 'data'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** The description's sections in the order a report shows them; a warning names the one to fix. */
export const DESCRIPTION_SECTIONS = [
  'services',
  'commitments',
  'components',
  'incidents',
  'changes',
  'subservice_organizations',
  'user_entity_controls',
  'not_applicable',
] as const;
export type DescriptionSection = (typeof DESCRIPTION_SECTIONS)[number];

/** A control assumed of someone else (a CSOC of a subservice organisation, or a CUEC of the customers), with the criteria it serves. */
export interface ComplementaryControl {
  text: string;
  criteria: string[];
}

/** DC7: a subservice organisation, the services it provides, how it is treated, and the CSOCs assumed of it. */
export interface SubserviceOrganization {
  name: string;
  services: string;
  method: SubserviceMethod;
  csocs: ComplementaryControl[];
}

/** DC4: a significant incident the description discloses; `finding` names the finding it is (its code), when it is one. */
export interface DisclosedIncident {
  finding: string | null;
  /** ISO date it happened, where known. */
  date: string | null;
  text: string;
}

export interface SystemDescription {
  /** DC1: the types of services provided. */
  services: string;
  /** DC2: principal service commitments and system requirements, one a line. */
  commitments: string[];
  /** DC3: the components of the system. */
  components: Record<ComponentKind, string>;
  /** DC4: significant incidents during the period, disclosed. */
  incidents: DisclosedIncident[];
  /** DC9: significant changes to the system during the period. */
  changes: string[];
  /** DC7: subservice organisations and their CSOCs. */
  subserviceOrganizations: SubserviceOrganization[];
  /** DC6: complementary user entity controls (CUECs) expected of customers. */
  userEntityControls: ComplementaryControl[];
}

/** A description with nothing written yet. */
export function emptyDescription(): SystemDescription {
  return {
    services: '',
    commitments: [],
    components: { infrastructure: '', software: '', people: '', procedures: '', data: '' },
    incidents: [],
    changes: [],
    subserviceOrganizations: [],
    userEntityControls: [],
  };
}
