/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings exactly as
 * `JSON.stringify` writes them. This is the serialisation of RFC 8785 (JCS) for the values Assay stores, so
 * anyone can recompute an audit hash in another language.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value, []);
  if (out === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return out;
}

function write(value: unknown, path: string[]): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // Dates (and anything else that defines toJSON) serialise the way JSON.stringify would.
    return write((value as { toJSON(): unknown }).toJSON(), path);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // A hash over NaN or Infinity would silently hash `null`: refuse instead.
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${where(path)} is not a finite number`);
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError(`canonicalJson: ${where(path)} is a bigint, which JSON cannot hold`);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (Array.isArray(value)) {
    // As in JSON.stringify, an array slot without a JSON form becomes null.
    return `[${value.map((item, i) => write(item, [...path, String(i)]) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const written = write(record[key], [...path, key]);
    if (written !== undefined) parts.push(`${JSON.stringify(key)}:${written}`);
  }
  return `{${parts.join(',')}}`;
}

function where(path: string[]): string {
  return path.length === 0 ? 'the value' : `$.${path.join('.')}`;
}
