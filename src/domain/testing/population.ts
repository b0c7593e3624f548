/**
 * A population CSV with what trips a reader (a byte-order mark, CRLF and LF, empty and blank lines, quotes with a
 * comma, doubled quotes and a newline inside, padded fields) and what the published rule selects from it. The
 * command line and the web's sampling page are each tested against it, so both read and select the same items.
 */
const text =
  '\uFEFFname,ticket ,closed\r\n"Ada, A.",T-1,2026-01-02\r\n\r\n"Bob ""B""",  T-2  ,2026-01-03\r\n' +
  '"Cy\nthe second",T-3,2026-01-04\n,,\n"Di",T-4,"2026-01-05"\r\n   \r\n';

export const TRICKY_POPULATION = {
  text,
  column: 'ticket',
  size: 3,
  seed: 'q3',
  /** T-3 starts on line 5: its quoted name spans two lines. */
  items: ['T-1', 'T-2', 'T-3', 'T-4'],
  selected: ['T-4', 'T-3', 'T-1'],
  /** The same with T-3 again, on line 10. */
  duplicate: `${text}T-9,T-3,2026-01-06\n`,
} as const;
