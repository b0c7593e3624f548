/** Test helper: a built-in rule run over rows held in memory, the way the engine streams them from files. */
import { resolveParams, type BuiltinCheck } from './builtin.js';
import { createRowIndex } from './row-index.js';
import { startOfDay } from './days.js';
import type { CheckDates, EvidenceFormat, ItemOutcome, Row } from './model.js';

export function dates(asOf: string, periodStart: string | null = '2026-01-01', periodEnd = '2026-06-30'): CheckDates {
  return { asOf: startOfDay(asOf), periodStart: periodStart === null ? null : startOfDay(periodStart), periodEnd: startOfDay(periodEnd) };
}

export function runRule(
  check: BuiltinCheck,
  sources: Record<string, { format: EvidenceFormat; rows: Row[] }>,
  checkDates: CheckDates,
  given: Record<string, unknown> = {},
): ItemOutcome[] {
  const { params, problems } = resolveParams(check, given);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const formats = Object.fromEntries(Object.entries(sources).map(([name, s]) => [name, s.format]));
  const rule = check.prepare(params, checkDates, formats);
  const index = createRowIndex(rule.index?.fields ?? []);
  if (rule.index) for (const row of sources[rule.index.source]?.rows ?? []) index.add(rule.index.key(row), row);
  return (sources[rule.population]?.rows ?? []).flatMap((row) => rule.test(row, (key) => index.get(key)));
}

/** Just which items fail, for comparing with a reference that words nothing. */
export function verdicts(outcomes: readonly ItemOutcome[]): [string, boolean][] {
  return outcomes.map((o) => [o.item, o.failure !== null]);
}

export const at = (iso: string) => new Date(iso);
