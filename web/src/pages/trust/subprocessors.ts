/** The subprocessors as the admin types them, one a line: `name; purpose; location`. */
import type { Subprocessor } from '@assay/domain/trust/index.js';

export function parseSubprocessors(text: string): { items: Subprocessor[]; error: string | null } {
  const items: Subprocessor[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (const [index, line] of lines.entries()) {
    if (line === '') continue;
    const [name = '', purpose = '', location = '', ...rest] = line.split(';').map((p) => p.trim());
    if (!name || !purpose || !location || rest.length > 0) return { items, error: `Line ${index + 1}: write name; purpose; location` };
    items.push({ name, purpose, location });
  }
  return { items, error: null };
}
