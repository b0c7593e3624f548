import { describe, expect, it } from 'vitest';
import { parseSubprocessors } from './subprocessors.js';

describe('parseSubprocessors', () => {
  it('reads one subprocessor a line and skips blank lines', () => {
    expect(parseSubprocessors('Cloud Host; hosting; EU\n\n Mailer ; e-mail ; US ')).toEqual({
      items: [
        { name: 'Cloud Host', purpose: 'hosting', location: 'EU' },
        { name: 'Mailer', purpose: 'e-mail', location: 'US' },
      ],
      error: null,
    });
  });

  it('names the line that lacks a part', () => {
    expect(parseSubprocessors('Cloud Host; hosting; EU\nMailer; e-mail').error).toBe('Line 2: write name; purpose; location');
  });
});
