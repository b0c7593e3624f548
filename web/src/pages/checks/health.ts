/** Monitoring's health at a glance: how the checks' latest runs stand. */
import { counted } from '@assay/domain/words.js';
import type { Check } from '../../api/checks.js';

export interface MonitoringHealth {
  checks: number;
  passing: number;
  failing: number;
  /** Run with an `empty` or `error` result, or never run: nothing proven. */
  unproven: number;
  sentence: string;
}

export function monitoringHealth(checks: readonly Check[]): MonitoringHealth {
  const status = (s: string) => checks.filter((c) => c.latestRun?.status === s).length;
  const passing = status('pass');
  const failing = status('fail');
  const unproven = checks.length - passing - failing;
  const sentence =
    checks.length === 0
      ? 'No monitoring check.'
      : `${counted(checks.length, 'check')}: ${passing} passing, ${failing} failing, ${unproven} not proven (never run, empty or in error).`;
  return { checks: checks.length, passing, failing, unproven, sentence };
}
