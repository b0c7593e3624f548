/**
 * The server's validation issues (RFC 9457 problem details, each with a JSON path such as `$.samples[3].item`)
 * placed where a person looks: on the form's field the path names, in words, never as a raw path.
 */
import type { Problem } from '@assay/contract';

type Issue = NonNullable<Problem['issues']>[number];

/** A body path as a form path: `$.misstatements[0].text` → `misstatements.0.text`; other parts (`query.limit`) as they are. */
export function issuePath(location: string): string {
  if (!location.startsWith('$')) return location;
  return location.replace(/\[(\d+)\]/g, '.$1').replace(/^\$\.?/, '');
}

/** Zod's wording of the size rules, said as a person would; other messages as the server wrote them. */
const WORDINGS: [RegExp, (n: string) => string][] = [
  [/^Too big: expected string to have <=(\d+) characters?$/, (n) => `at most ${n} characters`],
  [/^Too small: expected string to have >=1 characters?$/, () => 'must not be empty'],
  [/^Too small: expected string to have >=(\d+) characters?$/, (n) => `at least ${n} characters`],
  [/^Too big: expected array to have <=(\d+) items?$/, (n) => `at most ${n} entries`],
  [/^Too small: expected array to have >=(\d+) items?$/, (n) => `at least ${n} ${n === '1' ? 'entry' : 'entries'}`],
  [/^Too big: expected number to be <=(-?[\d.]+)$/, (n) => `at most ${n}`],
  [/^Too small: expected number to be >=(-?[\d.]+)$/, (n) => `at least ${n}`],
  [/^Invalid input: expected \w+, received undefined$/, () => 'required'],
];

export function issueMessage(message: string): string {
  for (const [pattern, words] of WORDINGS) {
    const match = pattern.exec(message);
    if (match) return words(match[1] ?? '');
  }
  return message;
}

/** An issue no field shows, in words: `misstatements 1 › text: at most 2000 characters` (entries counted from 1). */
export function describeIssue(issue: Issue): string {
  const where = issuePath(issue.location)
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
    .join(' › ');
  return where === '' ? issueMessage(issue.message) : `${where}: ${issueMessage(issue.message)}`;
}

/**
 * A problem's issues as errors by form field, for those whose path starts at one of `fields` (`aliases` renames a
 * server path to the form's, e.g. `sampling.confidence` → `confidence`), and the others in words for an alert.
 */
export function placeIssues(
  problem: Problem | null,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): { errors: Record<string, string>; other: string[] } {
  const errors: Record<string, string> = {};
  const other: string[] = [];
  for (const issue of problem?.issues ?? []) {
    const path = issuePath(issue.location);
    const field = aliases[path] ?? path;
    const root = field.split('.')[0] ?? field;
    const message = issueMessage(issue.message);
    if (fields.includes(root)) errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
    else other.push(describeIssue(issue));
  }
  return { errors, other };
}

/**
 * A refused change as a form shows it: errors on the fields the issues name, the server's summary as the
 * headline (the issues are told where they belong, not again in it), and the issues that name no field.
 */
export function refusalOf(
  error: unknown,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): { errors: Record<string, string>; message: string; other: string[] } {
  const message = error instanceof Error ? error.message : String(error);
  const problem = error instanceof Error && 'problem' in error ? (error.problem as Problem | null) : null;
  if (!problem) return { errors: {}, message, other: [] };
  return { ...placeIssues(problem, fields, aliases), message: problem.detail ?? message };
}
