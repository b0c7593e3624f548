/**
 * `assay verify --package FILE`: checks an auditor's package on its own, without a database: every file against
 * the manifest's size and SHA-256. Exit 0 when all agree, 1 naming each file missing, extra or altered, 2 for a file
 * that is not a package (not a zip, no manifest, a manifest that is not one, past the limits).
 */
import { open } from 'node:fs/promises';
import { ValidationError } from '../../domain/index.js';
import { counted } from '../../domain/words.js';
import { packageIntact, verifyPackage, type PackageCheck, type ZipSource } from '../../reports/package/index.js';
import { EXIT_OK, EXIT_PROBLEMS_FOUND } from '../exit-codes.js';
import type { CliIO } from '../io.js';

/** Checks the package at `path`, prints the outcome and returns the exit code. */
export async function verifyPackageFile(path: string, format: 'text' | 'json', io: Pick<CliIO, 'out'>): Promise<number> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ValidationError([{ location: path, message: error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code ?? error.message})` }], 'Cannot read the package');
  });
  try {
    const { size } = await handle.stat();
    const source: ZipSource = {
      size,
      read: async (offset, length) => {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return buffer.subarray(0, bytesRead);
      },
    };
    const check = await verifyPackage(source).catch((error: unknown) => {
      // Name the file the user gave where the check says "zip".
      if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ ...i, location: i.location === 'zip' ? path : `${path}: ${i.location}` })), error.summary);
      throw error;
    });
    io.out(format === 'json' ? `${JSON.stringify({ verified: packageIntact(check), ...check }, null, 2)}\n` : render(path, check));
    return packageIntact(check) ? EXIT_OK : EXIT_PROBLEMS_FOUND;
  } finally {
    await handle.close();
  }
}

function render(path: string, check: PackageCheck): string {
  const { manifest } = check;
  const { engagement } = manifest;
  const period = engagement.periodStart ? `${engagement.periodStart} to ${engagement.periodEnd}` : `as of ${engagement.periodEnd}`;
  const about = [
    `  ${engagement.organization}, ${engagement.system}: ${period} (engagement ${engagement.id})`,
    `  generated ${manifest.generatedAt}; audit log head then: ${manifest.auditLogHead ?? 'none'}`,
  ];
  if (packageIntact(check)) return [`package intact: ${counted(check.intact.length, 'file')} of ${path}, each matches the manifest's size and SHA-256`, ...about, ''].join('\n');
  return [
    `package ALTERED: ${path}`,
    ...check.missing.map((p) => `  missing: ${p} (in the manifest, not in the zip)`),
    ...check.altered.map((a) =>
      a.found === null ? `  altered: ${a.path}: ${a.why}` : `  altered: ${a.path}: ${a.found.size} bytes, SHA-256 ${a.found.sha256}; the manifest says ${a.expected.size} bytes, ${a.expected.sha256}`,
    ),
    ...check.extra.map((p) => `  extra: ${p} (in the zip, not in the manifest)`),
    `  ${counted(check.intact.length, 'file')} intact`,
    ...about,
    '',
  ].join('\n');
}
