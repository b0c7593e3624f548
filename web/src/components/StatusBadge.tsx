/** One colour per conclusion, status, severity and opinion, used on every page so a colour always means the same. */
import { Badge, type BadgeProps } from '@mantine/core';
import { statusLabel } from '../labels.js';

const COLOURS: Record<string, string> = {
  // opinions
  unmodified: 'teal',
  qualified: 'yellow',
  adverse: 'red',
  disclaimer: 'grape',
  // criterion statuses
  met: 'teal',
  met_with_exceptions: 'yellow',
  unable_to_conclude: 'grape',
  not_met: 'red',
  not_applicable: 'gray',
  // control conclusions
  effective: 'teal',
  effective_with_exceptions: 'yellow',
  not_effective: 'red',
  design_deficiency: 'red',
  not_tested: 'grape',
  // severities
  deficiency: 'yellow',
  significant_deficiency: 'orange',
  material_weakness: 'red',
  // sample results
  pass: 'teal',
  fail: 'red',
  // occurrences over the period (not tracked: gray)
  evidenced: 'teal',
  missing: 'red',
};

export function statusColour(value: string): string {
  return COLOURS[value] ?? 'gray';
}

export function StatusBadge({ value, ...props }: { value: string } & Omit<BadgeProps, 'color' | 'children'>) {
  return (
    <Badge color={statusColour(value)} variant="light" {...props}>
      {statusLabel(value)}
    </Badge>
  );
}
