/**
 * change-approval (DESIGN §8): every pull request merged in the period had an independent approval standing when
 * it was merged. Per reviewer other than the author, the last of their decisive reviews submitted at or before the
 * merge counts, so a later DISMISSED or CHANGES_REQUESTED cancels that reviewer's approval.
 */
import { dateField, field, type BuiltinCheck, type ParamParse } from './builtin.js';
import { dayPlus, instantText } from './days.js';

const DECISIVE = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

export const changeApproval: BuiltinCheck = {
  name: 'change-approval',
  description: 'Changes are approved independently: every pull request merged in the period (into the listed branches) has an approval by someone other than its author that still stood at the merge',
  sources: [{ name: 'prs', formats: ['github-pulls'], description: 'the pull requests, each with its reviews' }],
  params: [
    {
      name: 'branches',
      description: 'the base branches whose merges are in the population',
      default: null,
      defaultText: 'all',
      parse: branchList,
    },
  ],
  prepare(params, dates) {
    const branches = params.branches as string[] | null;
    const end = dayPlus(dates.asOf, 1);
    return {
      population: 'prs',
      index: null,
      test(row) {
        const merged = dateField(row, 'merged_at');
        if (merged === null || merged >= end) return [];
        if (dates.periodStart !== null && merged < dates.periodStart) return [];
        const base = field(row, 'base', 'ref');
        if (branches !== null && !branches.includes(String(base))) return [];
        const author = login(field(row, 'user', 'login'));
        const last = lastDecisiveReviews(row.reviews, author, merged);
        const approved = [...last.values()].some((state) => state === 'APPROVED');
        return [{ item: String(row.number), failure: approved ? null : whyNotApproved(last, author, merged, base) }];
      },
    };
  },
};

/** Each reviewer's last decisive review at or before the merge; reviews come in chronological order. */
function lastDecisiveReviews(reviews: unknown, author: string | null, merged: Date): Map<string, string> {
  const last = new Map<string, { state: string; at: Date }>();
  for (const review of Array.isArray(reviews) ? (reviews as unknown[]) : []) {
    const reviewer = login(field(review, 'user', 'login'));
    const at = field(review, 'submitted_at');
    const state = String(field(review, 'state') ?? '').toUpperCase();
    // A review by no one who can be named is no evidence of independence.
    if (reviewer === null || reviewer === author || !(at instanceof Date) || at > merged || !DECISIVE.has(state)) continue;
    const previous = last.get(reviewer);
    if (previous === undefined || at >= previous.at) last.set(reviewer, { state, at });
  }
  return new Map([...last].map(([reviewer, { state }]) => [reviewer, state]));
}

function whyNotApproved(last: Map<string, string>, author: string | null, merged: Date, base: unknown): string {
  const into = `merged ${instantText(merged)} into ${String(base)}`;
  if (last.size === 0) return `${into} with no approval by anyone other than its author (${author ?? 'unknown'})`;
  const standing = [...last].map(([reviewer, state]) => `${reviewer}'s last review was ${state}`).join(', ');
  return `${into} with no approval standing at the merge: ${standing}`;
}

/** GitHub logins are case-insensitive. */
function login(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : null;
}

function branchList(value: unknown): ParamParse {
  return Array.isArray(value) && value.length > 0 && value.every((b) => typeof b === 'string' && b.trim() !== '')
    ? { ok: true, value: value.map((b: string) => b.trim()) }
    : { ok: false, message: `branches must be a list of branch names, e.g. [main] (got ${JSON.stringify(value)})` };
}
