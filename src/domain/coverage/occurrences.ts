/**
 * The occurrences a periodic control owes over an engagement's period (docs/coverage.md).
 *
 * Windows run from the period's first day, one frequency step at a time (a month, three, six or twelve; a week
 * of seven days; a day), so a period of whole months needs exactly one monthly occurrence a month, and a
 * twelve-month period one annual occurrence wherever it starts. A window the period ends inside is still owed,
 * cut at the period's end: the control was due to operate in it. The windows therefore tile the period: every
 * day of it lies in exactly one window.
 */
import { addDays } from '../dates.js';
import type { Frequency } from '../engagement.js';

/** One window in which a periodic control must operate at least once. */
export interface Occurrence {
  /** How the auditor names it: `2026-Q1`, `2026-03`, `2026-H2`, `2026`, a day, else its dates `from/to`. */
  label: string;
  /** First day of the window (ISO date). */
  from: string;
  /** Last day of the window (ISO date), never after the period's end. */
  to: string;
}

type Step = { months: number } | { days: number };

/** Event-driven and automated controls owe no occurrence per window: they are not periodic. */
const STEPS: Readonly<Record<Frequency, Step | null>> = {
  annual: { months: 12 },
  semiannual: { months: 6 },
  quarterly: { months: 3 },
  monthly: { months: 1 },
  weekly: { days: 7 },
  daily: { days: 1 },
  // Several times a day is still evidenced day by day.
  'multiple-daily': { days: 1 },
  event: null,
  automated: null,
};

/** Whether a control of this frequency owes occurrences over a period. */
export function isPeriodic(frequency: Frequency): boolean {
  return STEPS[frequency] !== null;
}

/** `iso` moved by whole months, the day kept where the month has it, else the month's last day (31 Jan + 1 → 28 Feb). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/**
 * The windows a control of `frequency` owes over the period from `periodStart` to `periodEnd` (inclusive), in
 * order; empty for a control that is not periodic or a period that ends before it starts.
 */
export function requiredOccurrences(frequency: Frequency, periodStart: string, periodEnd: string): Occurrence[] {
  const step = STEPS[frequency];
  if (step === null || periodEnd < periodStart) return [];
  const startOf = (i: number) => ('months' in step ? addMonths(periodStart, i * step.months) : addDays(periodStart, i * step.days));
  const occurrences: Occurrence[] = [];
  for (let i = 0; startOf(i) <= periodEnd; i++) {
    const from = startOf(i);
    const whole = addDays(startOf(i + 1), -1);
    const to = whole < periodEnd ? whole : periodEnd;
    occurrences.push({ label: labelOf(step, from, to, whole === to), from, to });
  }
  return occurrences;
}

/** The calendar name of a whole window that is a calendar month, quarter, half or year; else its dates. */
function labelOf(step: Step, from: string, to: string, whole: boolean): string {
  if ('days' in step) return step.days === 1 ? from : `${from}/${to}`;
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  const aligned = whole && day === 1 && (month - 1) % step.months === 0;
  if (!aligned) return `${from}/${to}`;
  switch (step.months) {
    case 1:
      return from.slice(0, 7);
    case 3:
      return `${year}-Q${(month + 2) / 3}`;
    case 6:
      return `${year}-H${(month + 5) / 6}`;
    default:
      return String(year);
  }
}
