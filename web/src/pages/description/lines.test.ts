import { describe, expect, it } from 'vitest';
import { complementaryOf, complementaryText, linesOf } from './lines.js';

describe('the description’s lines', () => {
  it('keeps the non-empty lines, trimmed', () => {
    expect(linesOf(' one \n\n two\n ')).toEqual(['one', 'two']);
  });

  it('reads the criteria in brackets at the end of a line, and writes them back the same', () => {
    const items = complementaryOf('Physical access is restricted [cc6.4, CC6.5]\nMedia are wiped\n');
    expect(items).toEqual([
      { text: 'Physical access is restricted', criteria: ['CC6.4', 'CC6.5'] },
      { text: 'Media are wiped', criteria: [] },
    ]);
    expect(complementaryOf(complementaryText(items))).toEqual(items);
  });
});
