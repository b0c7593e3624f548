/**
 * The starter control set: controls a service organisation commonly runs, each mapped to the criteria it
 * addresses, in our own words (never the AICPA's). A control with `when` is added only for the answers it names;
 * the others are always offered. The criteria of a category not in scope are left out of a control, and a control
 * left with none is not offered (see `starterControls`).
 */
import type { Frequency, Nature } from '../engagement.js';

/** The questions that tailor the set: each is a yes or no about the service organisation. */
export interface StarterAnswers {
  /** Runs its system on a cloud provider (IaaS or PaaS) whose own controls are carved out. */
  cloudProvider: boolean;
  /** Holds customers' personal data. */
  personalData: boolean;
  /** Keeps its people in an HR system (hires and leavers recorded there). */
  hrSystem: boolean;
  /** Develops the software it runs. */
  developsSoftware: boolean;
}

export interface StarterControl {
  id: string;
  title: string;
  criteria: readonly string[];
  frequency: Frequency;
  nature: Nature;
  /** Offered only when the answer to this question is the one given. */
  when?: { question: keyof StarterAnswers; answer: boolean };
}

const yes = (question: keyof StarterAnswers) => ({ question, answer: true });
const no = (question: keyof StarterAnswers) => ({ question, answer: false });

export const STARTER_CONTROLS: readonly StarterControl[] = [
  // Control environment, communication, risk assessment, monitoring (CC1 to CC5): entity-level controls.
  { id: 'GOV-01', title: 'Staff acknowledge the code of conduct at hire and every year', criteria: ['CC1.1', 'CC2.2'], frequency: 'event', nature: 'manual' },
  { id: 'GOV-02', title: 'The board reviews security and internal control at least once a year', criteria: ['CC1.2', 'CC4.2'], frequency: 'annual', nature: 'manual' },
  { id: 'GOV-03', title: 'Reporting lines and security responsibilities are documented and reviewed yearly', criteria: ['CC1.3', 'CC5.3'], frequency: 'annual', nature: 'manual' },
  { id: 'GOV-04', title: 'Performance reviews hold people accountable for their control duties', criteria: ['CC1.5'], frequency: 'annual', nature: 'manual' },
  { id: 'HR-01', title: 'Background checks are completed before a new hire starts', criteria: ['CC1.4'], frequency: 'event', nature: 'manual' },
  { id: 'HR-02', title: 'Staff complete security awareness training at hire and every year', criteria: ['CC1.4', 'CC2.2'], frequency: 'event', nature: 'manual' },
  { id: 'POL-01', title: 'Security policies are approved, published to staff and reviewed yearly', criteria: ['CC1.1', 'CC2.2', 'CC5.3'], frequency: 'annual', nature: 'manual' },
  { id: 'COM-01', title: 'Security-relevant information (asset inventory, logs, metrics) is identified and kept current', criteria: ['CC2.1'], frequency: 'quarterly', nature: 'manual' },
  { id: 'COM-02', title: 'Customers are told of the system, their duties and changes to commitments', criteria: ['CC2.3'], frequency: 'event', nature: 'manual' },
  { id: 'COM-03', title: 'Staff and outsiders have a channel to report security concerns', criteria: ['CC2.2', 'CC2.3'], frequency: 'annual', nature: 'manual' },
  { id: 'RISK-01', title: 'A risk assessment covering objectives, threats and fraud is performed every year', criteria: ['CC3.1', 'CC3.2', 'CC3.3', 'CC5.1'], frequency: 'annual', nature: 'manual' },
  { id: 'RISK-02', title: 'Significant changes to the system, vendors or organisation are assessed for risk', criteria: ['CC3.4'], frequency: 'event', nature: 'manual' },
  { id: 'MON-01', title: 'Controls are evaluated each year by an internal review or a penetration test', criteria: ['CC4.1'], frequency: 'annual', nature: 'manual' },
  { id: 'MON-02', title: 'Control deficiencies are tracked to remediation with an owner and a due date', criteria: ['CC4.2'], frequency: 'event', nature: 'manual' },
  { id: 'TEC-01', title: 'General IT controls (access, change, operations) are selected for each system component', criteria: ['CC5.1', 'CC5.2'], frequency: 'annual', nature: 'manual' },

  // Logical and physical access (CC6).
  { id: 'ACC-01', title: 'Access to production requires single sign-on with multi-factor authentication', criteria: ['CC6.1'], frequency: 'automated', nature: 'automated' },
  { id: 'ACC-02', title: 'Access is approved by the system owner before it is granted', criteria: ['CC6.2', 'CC6.3'], frequency: 'event', nature: 'manual' },
  { id: 'ACC-03', title: 'Leavers lose their access within one business day', criteria: ['CC6.2'], frequency: 'event', nature: 'manual' },
  { id: 'ACC-04', title: 'User access is reviewed every quarter and what is no longer needed is removed', criteria: ['CC6.2', 'CC6.3', 'CC4.1'], frequency: 'quarterly', nature: 'manual' },
  { id: 'ACC-05', title: 'Data at rest is encrypted with managed keys', criteria: ['CC6.1'], frequency: 'automated', nature: 'automated' },
  { id: 'ACC-06', title: 'Data in transit over public networks is encrypted with current TLS', criteria: ['CC6.7'], frequency: 'automated', nature: 'automated' },
  { id: 'NET-01', title: 'Firewalls or security groups allow only the inbound traffic the system needs', criteria: ['CC6.6'], frequency: 'automated', nature: 'automated' },
  { id: 'END-01', title: 'Laptops run endpoint protection and full-disk encryption', criteria: ['CC6.8', 'CC6.1'], frequency: 'automated', nature: 'automated' },
  { id: 'END-02', title: 'Devices and media are wiped or destroyed before reuse or disposal', criteria: ['CC6.5'], frequency: 'event', nature: 'manual' },
  { id: 'PHY-01', title: "The cloud provider's SOC report is reviewed yearly and its user-entity controls are in place", criteria: ['CC6.4', 'CC6.5', 'CC9.2', 'A1.2'], frequency: 'annual', nature: 'manual', when: yes('cloudProvider') },
  { id: 'PHY-02', title: 'Badge access to the facilities is restricted and reviewed every quarter', criteria: ['CC6.4'], frequency: 'quarterly', nature: 'manual', when: no('cloudProvider') },
  { id: 'CLD-01', title: 'Cloud configuration is checked against a baseline and drift is alerted', criteria: ['CC7.1', 'CC6.6'], frequency: 'automated', nature: 'automated', when: yes('cloudProvider') },
  { id: 'CLD-02', title: 'The cloud root account has multi-factor authentication and no access keys', criteria: ['CC6.1'], frequency: 'automated', nature: 'automated', when: yes('cloudProvider') },
  { id: 'HR-03', title: 'Leavers recorded in the HR system are disabled in the identity provider automatically', criteria: ['CC6.2'], frequency: 'automated', nature: 'automated', when: yes('hrSystem') },
  { id: 'HR-04', title: 'Accounts are reconciled with the HR system every month', criteria: ['CC6.2', 'CC6.3'], frequency: 'monthly', nature: 'manual', when: yes('hrSystem') },
  { id: 'HR-05', title: "A leaver's checklist is signed off by the manager and IT", criteria: ['CC6.2'], frequency: 'event', nature: 'manual', when: no('hrSystem') },
  { id: 'PD-01', title: "Customers' personal data is inventoried, classified and access to it limited to need", criteria: ['CC6.1', 'CC6.3', 'C1.1', 'P3.1'], frequency: 'annual', nature: 'manual', when: yes('personalData') },
  { id: 'PD-02', title: "Access to customers' personal data in production is logged and reviewed", criteria: ['CC6.3', 'CC7.2', 'P4.1'], frequency: 'monthly', nature: 'manual', when: yes('personalData') },

  // System operations (CC7), change management (CC8), risk mitigation (CC9).
  { id: 'OPS-01', title: 'Vulnerability scans run every month and findings are fixed within their deadline', criteria: ['CC7.1'], frequency: 'monthly', nature: 'manual' },
  { id: 'OPS-02', title: 'Security events are logged and alerts are triaged', criteria: ['CC7.2', 'CC7.3'], frequency: 'daily', nature: 'manual' },
  { id: 'OPS-03', title: 'Incidents are recorded, responded to and reviewed after they close', criteria: ['CC7.3', 'CC7.4', 'CC7.5'], frequency: 'event', nature: 'manual' },
  { id: 'OPS-04', title: 'Backups are taken daily and a restore is tested every quarter', criteria: ['CC7.5', 'CC9.1', 'A1.2', 'A1.3'], frequency: 'daily', nature: 'automated' },
  { id: 'CHG-01', title: 'Infrastructure and configuration changes are ticketed, approved and tested before production', criteria: ['CC8.1'], frequency: 'event', nature: 'manual' },
  { id: 'CHG-02', title: 'Code changes are reviewed and approved by someone other than their author before merge', criteria: ['CC8.1', 'CC6.3'], frequency: 'event', nature: 'manual', when: yes('developsSoftware') },
  { id: 'CHG-03', title: 'Automated tests and security scans run before every deployment', criteria: ['CC8.1', 'CC7.1', 'PI1.3'], frequency: 'automated', nature: 'automated', when: yes('developsSoftware') },
  { id: 'CHG-04', title: 'Vulnerable dependencies are alerted and fixed within their deadline', criteria: ['CC7.1'], frequency: 'event', nature: 'manual', when: yes('developsSoftware') },
  { id: 'BCP-01', title: 'The business continuity plan is reviewed and exercised every year', criteria: ['CC9.1', 'A1.3'], frequency: 'annual', nature: 'manual' },
  { id: 'VEN-01', title: 'Vendors are risk-assessed before use and reviewed every year', criteria: ['CC9.2'], frequency: 'annual', nature: 'manual' },

  // Availability (A1).
  { id: 'AV-01', title: 'Capacity is monitored with alerts and planned every quarter', criteria: ['A1.1'], frequency: 'quarterly', nature: 'manual' },
  { id: 'AV-02', title: 'Production runs across several availability zones', criteria: ['A1.2'], frequency: 'automated', nature: 'automated', when: yes('cloudProvider') },
  { id: 'AV-03', title: 'The data centre has backup power and environmental monitoring', criteria: ['A1.2'], frequency: 'quarterly', nature: 'manual', when: no('cloudProvider') },
  { id: 'AV-04', title: 'Disaster recovery is tested every year against its recovery objectives', criteria: ['A1.3'], frequency: 'annual', nature: 'manual' },

  // Confidentiality (C1).
  { id: 'CF-01', title: 'Confidential information is classified and handled by its class', criteria: ['C1.1'], frequency: 'annual', nature: 'manual' },
  { id: 'CF-02', title: 'Staff and contractors sign confidentiality agreements', criteria: ['C1.1'], frequency: 'event', nature: 'manual' },
  { id: 'CF-03', title: 'Confidential information is deleted at the end of its retention, and the deletion recorded', criteria: ['C1.2'], frequency: 'event', nature: 'manual' },

  // Processing integrity (PI1).
  { id: 'PI-01', title: 'Processing specifications are documented and shared with customers', criteria: ['PI1.1'], frequency: 'annual', nature: 'manual' },
  { id: 'PI-02', title: 'Inputs are validated and rejected inputs are reported', criteria: ['PI1.2'], frequency: 'automated', nature: 'automated' },
  { id: 'PI-03', title: 'Processing jobs are monitored and failures are reprocessed', criteria: ['PI1.3'], frequency: 'daily', nature: 'manual' },
  { id: 'PI-04', title: 'Outputs are reconciled to inputs and delivered only to their recipients', criteria: ['PI1.4'], frequency: 'daily', nature: 'manual' },
  { id: 'PI-05', title: 'Stored records are checked for integrity and backed up', criteria: ['PI1.5'], frequency: 'automated', nature: 'automated' },

  // Privacy (P1 to P8).
  { id: 'PR-01', title: 'A privacy notice is published and reviewed every year', criteria: ['P1.1'], frequency: 'annual', nature: 'manual' },
  { id: 'PR-02', title: "People's choices and consent are recorded and honoured", criteria: ['P2.1', 'P3.2'], frequency: 'event', nature: 'manual' },
  { id: 'PR-03', title: 'Personal information collected and used is limited to the purposes in the notice', criteria: ['P3.1', 'P4.1'], frequency: 'annual', nature: 'manual' },
  { id: 'PR-04', title: 'Personal information is kept only as long as the retention schedule says', criteria: ['P4.2'], frequency: 'quarterly', nature: 'manual' },
  { id: 'PR-05', title: 'Personal information is disposed of securely', criteria: ['P4.3'], frequency: 'event', nature: 'manual' },
  { id: 'PR-06', title: 'Requests to see or correct personal information are answered within their deadline', criteria: ['P5.1', 'P5.2'], frequency: 'event', nature: 'manual' },
  { id: 'PR-07', title: 'Disclosures to third parties are made only with consent and recorded', criteria: ['P6.1', 'P6.2', 'P6.7'], frequency: 'event', nature: 'manual' },
  { id: 'PR-08', title: 'Breaches are recorded and notified to people and regulators within their deadlines', criteria: ['P6.3', 'P6.6'], frequency: 'event', nature: 'manual' },
  { id: 'PR-09', title: "Processors' privacy and breach-notification commitments are obtained and monitored", criteria: ['P6.4', 'P6.5'], frequency: 'annual', nature: 'manual' },
  { id: 'PR-10', title: 'Personal information is kept accurate, and people can update it', criteria: ['P7.1'], frequency: 'quarterly', nature: 'manual' },
  { id: 'PR-11', title: 'Privacy complaints are handled and privacy compliance is reviewed every year', criteria: ['P8.1'], frequency: 'event', nature: 'manual' },
];
