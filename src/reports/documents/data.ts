/**
 * What a document is written from: one engagement's data as the CLI reads it from a workspace and the API from the
 * database. Builders are pure functions of this, so a document states the same from either source. A field with
 * nothing to give is empty, never missing: a workspace has no monitoring history, a new engagement no snapshots.
 */
import type {
  ControlCoverage,
  DescriptionWarning,
  Examination,
  ExaminationResult,
  Finding,
  ManagementResponse,
  Risk,
  RiskAssessment,
  RiskFlag,
  RootCause,
  SystemDescription,
  VendorRiskReason,
} from '../../domain/index.js';

/** One check's latest run, as monitoring recorded it. */
export interface MonitoringSummary {
  check: string;
  title: string;
  /** The control whose test the check is, if any. */
  control: string | null;
  /** ISO date-time of the run. */
  ranAt: string;
  tested: number;
  failing: number;
}

/** A change recorded in the engagement (the audit log's account of it), for the bridge letter. */
export interface RecordedChange {
  /** ISO date-time. */
  at: string;
  /** What changed, in words (e.g. "Control AC-04 changed its owner"). */
  summary: string;
}

/** The forecast at one moment (a stored snapshot), for the stakeholder pack's trend. */
export interface ForecastPoint {
  /** ISO date-time the forecast was taken. */
  at: string;
  opinion: ExaminationResult['opinion']['overall'];
  criteriaMet: number;
  criteriaNotMet: number;
  criteriaInScope: number;
  openFindings: number;
}

/** A risk of the register as the risk service reads it: with its inherent and residual risk, why, and its flags. */
export interface RegisterRisk extends Risk {
  assessment: RiskAssessment;
  /** What needs attention, as of the day the register was read. */
  flags: RiskFlag[];
  /** The vendor's SOC 2 report that raised the risk, and why; null for a risk people raised. */
  raisedBy: { vendor: string; report: string; reason: VendorRiskReason } | null;
}

export interface ReportData {
  /** The engagement as examined: its settings, controls and tests. */
  examination: Examination;
  /** The engine's forecast over it (with the period's evidence coverage applied where there is any). */
  result: ExaminationResult;
  /** Evidence coverage per control over the period (empty when no evidence states a period). */
  coverage: ControlCoverage[];
  findings: Finding[];
  rootCauses: RootCause[];
  /** Management's responses, approved or not: documents only ever quote approved ones. */
  responses: ManagementResponse[];
  monitoring: MonitoringSummary[];
  changes: RecordedChange[];
  history: ForecastPoint[];
  /** Names of people a document may print (customer-facing documents print no other internal name). */
  publishedNames: string[];
  /** The organisation's locale (BCP 47). */
  locale: string;
  /** ISO date-time "now": documents never read the clock themselves. */
  generatedAt: string;
  /**
   * Management's system description (DC1–DC9) with its completeness warnings; absent or null where none is
   * recorded (the report then has no description section to write from).
   */
  description?: { description: SystemDescription; warnings: DescriptionWarning[] } | null;
  /** The engagement's risk register, each risk assessed; absent or empty where none is recorded. */
  risks?: RegisterRisk[];
}
