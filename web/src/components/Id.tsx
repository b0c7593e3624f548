/**
 * An identifier (a control's id, a finding's code, a population item, an owner's email) or a date, kept on one
 * line: "AC-04", never "AC-" / "04"; "2026-08-31", never "2026-08-" / "31".
 */
import type { ReactNode } from 'react';
import { ID_CLASS } from '../theme.js';

export function Id({ children }: { children: ReactNode }) {
  return <span className={ID_CLASS}>{children}</span>;
}
