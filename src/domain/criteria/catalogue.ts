/**
 * The 2017 Trust Services Criteria (points of focus revised 2022): IDs, series, category and our own short
 * titles. The official criteria text is AICPA-copyrighted and deliberately not shipped.
 */

export const CATEGORIES = ['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Criterion {
  id: string;
  /** The part of the ID before the dot (CC6, A1, P4): the unit of pervasiveness. */
  series: string;
  category: Category;
  group: string;
  title: string;
}

type Row = [id: string, group: string, title: string];

const rows: Record<Category, Row[]> = {
  security: [
    ['CC1.1', 'Control environment', 'Commitment to integrity and ethical values'],
    ['CC1.2', 'Control environment', 'Board independence and oversight of internal control'],
    ['CC1.3', 'Control environment', 'Structures, reporting lines, authorities and responsibilities'],
    ['CC1.4', 'Control environment', 'Attract, develop and retain competent people'],
    ['CC1.5', 'Control environment', 'Individuals held accountable for control responsibilities'],
    ['CC2.1', 'Communication and information', 'Relevant, quality information is used'],
    ['CC2.2', 'Communication and information', 'Internal communication of objectives and responsibilities'],
    ['CC2.3', 'Communication and information', 'Communication with external parties'],
    ['CC3.1', 'Risk assessment', 'Objectives specified clearly enough to identify risks'],
    ['CC3.2', 'Risk assessment', 'Risks identified and analysed'],
    ['CC3.3', 'Risk assessment', 'Potential for fraud considered'],
    ['CC3.4', 'Risk assessment', 'Significant changes identified and assessed'],
    ['CC4.1', 'Monitoring activities', 'Ongoing and separate evaluations of controls'],
    ['CC4.2', 'Monitoring activities', 'Deficiencies evaluated, communicated and corrected in time'],
    ['CC5.1', 'Control activities', 'Control activities selected to mitigate risks'],
    ['CC5.2', 'Control activities', 'General controls over technology'],
    ['CC5.3', 'Control activities', 'Policies and procedures put controls in place'],
    ['CC6.1', 'Logical and physical access', 'Logical access security: inventory, authentication, encryption'],
    ['CC6.2', 'Logical and physical access', 'Users registered and authorised before access; removed when no longer authorised'],
    ['CC6.3', 'Logical and physical access', 'Role-based access, least privilege, segregation of duties'],
    ['CC6.4', 'Logical and physical access', 'Physical access to facilities and assets restricted'],
    ['CC6.5', 'Logical and physical access', 'Secure disposal of physical assets'],
    ['CC6.6', 'Logical and physical access', 'Protection against threats from outside the system boundary'],
    ['CC6.7', 'Logical and physical access', 'Data protected in transmission and movement'],
    ['CC6.8', 'Logical and physical access', 'Unauthorised or malicious software prevented or detected'],
    ['CC7.1', 'System operations', 'Configuration changes and vulnerabilities detected'],
    ['CC7.2', 'System operations', 'Components monitored for anomalies and security events'],
    ['CC7.3', 'System operations', 'Security events evaluated to decide whether they are incidents'],
    ['CC7.4', 'System operations', 'Incidents responded to'],
    ['CC7.5', 'System operations', 'Recovery from identified incidents'],
    ['CC8.1', 'Change management', 'Changes authorised, designed, tested, approved and implemented'],
    ['CC9.1', 'Risk mitigation', 'Risks of business disruption mitigated'],
    ['CC9.2', 'Risk mitigation', 'Vendor and business-partner risk assessed and managed'],
  ],
  availability: [
    ['A1.1', 'Availability', 'Capacity managed and planned'],
    ['A1.2', 'Availability', 'Environmental protections, backups and recovery infrastructure'],
    ['A1.3', 'Availability', 'Recovery plan procedures tested'],
  ],
  confidentiality: [
    ['C1.1', 'Confidentiality', 'Confidential information identified and maintained'],
    ['C1.2', 'Confidentiality', 'Confidential information disposed of'],
  ],
  'processing-integrity': [
    ['PI1.1', 'Processing integrity', 'Processing specifications and quality information defined'],
    ['PI1.2', 'Processing integrity', 'System inputs complete and accurate'],
    ['PI1.3', 'Processing integrity', 'Processing complete, accurate and timely'],
    ['PI1.4', 'Processing integrity', 'Outputs complete, accurate and delivered as intended'],
    ['PI1.5', 'Processing integrity', 'Inputs, processing and outputs stored completely and accurately'],
  ],
  privacy: [
    ['P1.1', 'Privacy: notice', 'Privacy notice provided'],
    ['P2.1', 'Privacy: choice and consent', 'Choices communicated and consent obtained'],
    ['P3.1', 'Privacy: collection', 'Collection limited to the stated objectives'],
    ['P3.2', 'Privacy: collection', 'Explicit consent obtained where required'],
    ['P4.1', 'Privacy: use, retention, disposal', 'Use limited to the stated objectives'],
    ['P4.2', 'Privacy: use, retention, disposal', 'Personal information retained as required'],
    ['P4.3', 'Privacy: use, retention, disposal', 'Personal information securely disposed of'],
    ['P5.1', 'Privacy: access', 'Data subjects can access their information'],
    ['P5.2', 'Privacy: access', 'Data subjects can correct or amend their information'],
    ['P6.1', 'Privacy: disclosure and notification', 'Disclosure to third parties only with consent'],
    ['P6.2', 'Privacy: disclosure and notification', 'Authorised disclosures recorded'],
    ['P6.3', 'Privacy: disclosure and notification', 'Unauthorised disclosures and breaches recorded'],
    ['P6.4', 'Privacy: disclosure and notification', "Vendors' privacy commitments obtained and monitored"],
    ['P6.5', 'Privacy: disclosure and notification', "Vendors' breach-notification commitments obtained"],
    ['P6.6', 'Privacy: disclosure and notification', 'Breaches notified to data subjects and regulators'],
    ['P6.7', 'Privacy: disclosure and notification', 'Accounting of disclosures given on request'],
    ['P7.1', 'Privacy: quality', 'Personal information kept accurate and complete'],
    ['P8.1', 'Privacy: monitoring and enforcement', 'Inquiries, complaints and disputes handled; compliance monitored'],
  ],
};

/** Every criterion, in the order the report lists them. */
export const CRITERIA: readonly Criterion[] = CATEGORIES.flatMap((category) =>
  rows[category].map(([id, group, title]) => ({ id, series: seriesOf(id), category, group, title })),
);

const byId = new Map(CRITERIA.map((c) => [c.id, c]));

/** The series of a criterion ID: the part before the dot (CC6.2 → CC6). */
export function seriesOf(criterionId: string): string {
  const dot = criterionId.indexOf('.');
  return dot === -1 ? criterionId : criterionId.slice(0, dot);
}

export function findCriterion(id: string): Criterion | undefined {
  return byId.get(id);
}

export function isCriterionId(id: string): boolean {
  return byId.has(id);
}

/** The criteria of the chosen categories; security is always in. */
export function criteriaOfCategories(categories: readonly Category[]): Criterion[] {
  const chosen = new Set<Category>(['security', ...categories]);
  return CRITERIA.filter((c) => chosen.has(c.category));
}
