/** The codes people give things (`F-3`, `RT-2`, `CA-4`), and names made unique by a suffix. */

/**
 * The next code of the form `<prefix>-<n>`: one more than the highest n taken, so a code is never given twice
 * even where a lower one was freed (CA-4 after CA-1 and CA-3). Codes of other forms (`F-AC-04`) do not count,
 * so a numbered code never takes one a rule derives.
 */
export function nextCode(prefix: string, taken: Iterable<string>): string {
  const numbered = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
  let highest = 0;
  for (const code of taken) {
    const n = numbered.exec(code)?.[1];
    if (n !== undefined) highest = Math.max(highest, Number(n));
  }
  return `${prefix}-${highest + 1}`;
}

/** The codes of a list in which some are given: each one not given is the next code after those before it. */
export function codesInOrder(prefix: string, given: readonly (string | undefined)[]): string[] {
  const codes: string[] = [];
  for (const code of given) codes.push(code ?? nextCode(prefix, codes));
  return codes;
}

/**
 * Names made unique by a suffix: `base`, else `base-2`, `base-3` …, the first not taken. Each base remembers
 * where its search stopped, so many repeats of one base take linear time, not quadratic.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  take(base: string): string {
    let name = base;
    let n = this.nextSuffix.get(base) ?? 2;
    while (this.taken.has(name)) name = `${base}-${n++}`;
    this.nextSuffix.set(base, n);
    this.taken.add(name);
    return name;
  }
}
