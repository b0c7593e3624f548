/**
 * A register for the risk assessment's tests: the qualified scenario (CC6-01 not effective, the other series'
 * controls effective) with five risks assessed as the risk service assesses them, flags as of the data's day.
 */
import { assessRisk, riskFlags, type Risk } from '../../domain/index.js';
import { buildRiskInput } from '../../domain/risks/testing.js';
import type { RegisterRisk, ReportData } from './data.js';
import { scenarioData } from './testing.js';

export function registerRisk(data: ReportData, code: string, overrides: Partial<Omit<Risk, 'code'>> = {}, raisedBy: RegisterRisk['raisedBy'] = null): RegisterRisk {
  const risk = { ...buildRiskInput(overrides), code };
  const conclusions = new Map(data.result.controls.map((c) => [c.id, c.conclusion]));
  const standing = risk.controls.map((control) => ({ control, conclusion: conclusions.get(control) ?? null, monitoringFailing: false }));
  return { ...risk, assessment: assessRisk(risk, standing), flags: riskFlags(risk, data.generatedAt.slice(0, 10)), raisedBy };
}

/** Today is 2026-09-15. */
export function riskRegisterData(): ReportData {
  const data = scenarioData('qualified');
  const finding = data.findings[0]?.code ?? 'F-1';
  const risks = [
    // Listed out of order: the document orders them.
    registerRisk(data, 'R-003', { title: 'Hosting provider outage', likelihood: 3, impact: 3, treatment: 'transfer', controls: ['CC9-01'] }, { vendor: 'V-001', report: 'report-1', reason: 'exceptions' }),
    registerRisk(data, 'R-005', { title: 'Old laptops unencrypted', likelihood: 2, impact: 2, treatment: 'accept', controls: [], findings: [finding], acceptance: { approver: 'cfo@acme.example', reason: 'Replaced next quarter', expiresOn: '2026-12-31' } }),
    registerRisk(data, 'R-002', { title: 'Changes without approval', likelihood: 3, impact: 4, controls: ['CC8-01'], nextReviewOn: '2026-12-01' }),
    registerRisk(data, 'R-001', { title: 'Leavers keep access', likelihood: 4, impact: 5, controls: ['CC6-01'], lastReviewedOn: '2025-09-01', nextReviewOn: '2026-09-01' }),
    registerRisk(data, 'R-004', { title: 'Legacy backups unencrypted', likelihood: 2, impact: 5, treatment: 'accept', controls: [], acceptance: { approver: 'ceo@acme.example', reason: 'Legacy system retired soon', expiresOn: '2026-06-30' } }),
  ];
  return { ...data, risks };
}
