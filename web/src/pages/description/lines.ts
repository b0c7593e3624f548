/**
 * The description's lists as a person types them, one item a line: a commitment or a change as it is, a CSOC or a
 * CUEC with the criteria it serves in brackets at the end (`Physical access is restricted [CC6.4, CC6.5]`).
 */
export interface ComplementaryLine {
  text: string;
  criteria: string[];
}

/** The non-empty lines, trimmed. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function complementaryOf(text: string): ComplementaryLine[] {
  return linesOf(text).map((line) => {
    const match = /^(.*?)\s*\[([^\]]*)\]$/.exec(line);
    if (!match) return { text: line, criteria: [] };
    const criteria = (match[2] ?? '')
      .split(/[,\s]+/)
      .map((c) => c.trim().toUpperCase())
      .filter((c) => c !== '');
    return { text: match[1] ?? '', criteria };
  });
}

export function complementaryText(items: readonly ComplementaryLine[]): string {
  return items.map((c) => (c.criteria.length > 0 ? `${c.text} [${c.criteria.join(', ')}]` : c.text)).join('\n');
}
