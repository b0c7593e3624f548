/**
 * `assay report DIR --type T --format F [--out FILE] [--to DATE]`: one of the documents Assay writes from an
 * engagement (src/reports/render-report.ts), from a workspace folder; or, with `--organization SLUG [--engagement
 * NAME-OR-ID] [--database URL]` instead of the folder, from the engagement in the database, as the API's report
 * jobs write it (src/cli/report-data.ts). The file is written whole or not at all
 * (a temporary file beside it, renamed into place); without --out a text format goes to stdout, and a binary one
 * too unless stdout is a terminal. A render taking more than a second shows a bar on stderr when it is a terminal.
 */
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { isRealDate, ValidationError } from '../../domain/index.js';
import type { ReportData } from '../../reports/documents/index.js';
import { DOCUMENT_FORMATS, DOCUMENT_TYPES, formatRefusal, renderReport, type DocumentFormat, type DocumentType } from '../../reports/render-report.js';
import type { ReportRequest } from '../../services/reports/report-jobs-service.js';
import { engagementOptions, type EngagementOptions } from '../acting.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';
import { databaseReportData, requireBridgeEnd, workspaceReportData } from '../report-data.js';

/** Formats whose bytes are not text: never written to a terminal. */
const BINARY_FORMATS: ReadonlySet<DocumentFormat> = new Set(['pdf', 'xlsx']);
/** A render shorter than this shows no bar: it would only flicker. */
const PROGRESS_AFTER_MS = 1000;

/** The options that name an engagement in the database: the other source, never given with a folder. */
const DATABASE_SOURCE = ['organization', 'engagement', 'as', 'database'] as const;

interface ReportOptions extends Partial<EngagementOptions> {
  type: DocumentType;
  format?: DocumentFormat;
  out?: string;
  to?: string;
}

export function registerReport(program: Command, io: CliIO, setExit: (code: number) => void): void {
  engagementOptions(
    program
      .command('report')
      .description('write a document of an engagement, from a workspace folder or the database: the SOC 2 report draft, readiness assessment, customer or bridge letter, stakeholder pack, annual risk assessment or workpapers')
      .argument('[dir]', 'workspace folder (assay.yaml, controls/, tests/, findings/); without it, the engagement in the database named by --organization'),
    { organizationRequired: false },
  )
    .requiredOption('--type <type>', `document: ${DOCUMENT_TYPES.join(' | ')}`, choice(DOCUMENT_TYPES))
    .option('--format <format>', `${DOCUMENT_FORMATS.join(' | ')} (default: by --out's extension, else md)`, choice(DOCUMENT_FORMATS))
    .option('--out <file>', 'write the document to this file (default: stdout)')
    .option('--to <date>', "the bridge letter's end, YYYY-MM-DD (default: today, in UTC)", realDate)
    .action(async (dir: string | undefined, options: ReportOptions) => {
      const format = options.format ?? formatOf(options.out);
      const refusals = [
        sourceRefusal(dir, options),
        formatRefusal(options.type, format),
        options.to !== undefined && options.type !== 'bridge-letter' ? '--to is the bridge letter’s end date: use it with --type bridge-letter' : null,
        options.out === undefined && BINARY_FORMATS.has(format) && (io.isTTY || !io.outBytes) ? `a ${format} document is not written to a terminal: give --out FILE or redirect stdout` : null,
      ].filter((r) => r !== null);
      if (refusals.length > 0) throw new ValidationError(refusals.map((message) => ({ location: 'assay report', message })), 'Cannot write this report');

      const request: ReportRequest = { type: options.type, format, to: options.to ?? null };
      const data = await sourceData(io, dir, options, request);
      const bytes = await withProgressBar(io, (onProgress) =>
        renderReport(options.type, format, data, { bridgeTo: options.to ?? null, watermark: null, onProgress }),
      );
      if (options.out !== undefined) await writeAtomically(options.out, bytes);
      else if (BINARY_FORMATS.has(format)) io.outBytes?.(bytes);
      else io.out(bytes.toString('utf8'));
      setExit(EXIT_OK);
    });
}

/** Exactly one source: a workspace folder, or the engagement in the database (`--organization` and its companions). */
function sourceRefusal(dir: string | undefined, options: ReportOptions): string | null {
  const given = DATABASE_SOURCE.filter((name) => options[name] !== undefined).map((name) => `--${name}`);
  if (dir !== undefined && given.length > 0) {
    return `a workspace folder and ${given.join(', ')} name two sources: give the folder, or the engagement in the database with --organization, not both`;
  }
  if (dir === undefined && options.organization === undefined) {
    return 'no source: give a workspace folder, or the engagement in the database with --organization SLUG (and --engagement, --database)';
  }
  return null;
}

/** The data of the one source given (sourceRefusal has refused none or two), a bridge letter's end checked against it. */
async function sourceData(io: CliIO, dir: string | undefined, options: ReportOptions, request: ReportRequest): Promise<ReportData> {
  if (dir === undefined) return databaseReportData(io, { ...options, organization: options.organization as string }, request);
  const data = await workspaceReportData(dir, new Date());
  requireBridgeEnd(request, data.examination.engagement.periodEnd, data.generatedAt.slice(0, 10));
  return data;
}

function realDate(value: string): string {
  if (!isRealDate(value)) throw new InvalidArgumentError('must be a real date written YYYY-MM-DD');
  return value;
}

/** The format an output file's extension names (`.htm` too); Markdown when there is no file. */
function formatOf(out: string | undefined): DocumentFormat {
  if (out === undefined) return 'md';
  const extension = extname(out).slice(1).toLowerCase();
  const format = extension === 'htm' ? 'html' : extension === 'markdown' ? 'md' : extension;
  if ((DOCUMENT_FORMATS as readonly string[]).includes(format)) return format as DocumentFormat;
  throw new ValidationError(
    [{ location: out, message: `its extension names no format (${DOCUMENT_FORMATS.join(', ')}): give --format` }],
    'Cannot write this report',
  );
}

/** Written beside the target and renamed into place, so a reader never sees half a document and a failure leaves none. */
async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const temporary = join(dirname(target), `.${basename(target)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    // A folder that is missing or not writable is the user's input: said plainly, exit 2.
    const reason = error instanceof Error && 'code' in error ? String(error.code) : null;
    if (reason === null) throw error;
    throw new ValidationError([{ location: target, message: `cannot be written (${reason})` }], 'Cannot write this report');
  }
}

/** Runs a render; once it has taken more than a second, and stderr is a terminal, a bar shows its progress. */
async function withProgressBar(io: CliIO, render: (onProgress: (done: number) => void) => Promise<Buffer>): Promise<Buffer> {
  let done = 0;
  let bar: cliProgress.SingleBar | null = null;
  const timer = io.errIsTTY
    ? setTimeout(() => {
        bar = new cliProgress.SingleBar(
          { format: 'report [{bar}] {percentage}%', stream: process.stderr, clearOnComplete: true, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(100, Math.round(done * 100));
      }, PROGRESS_AFTER_MS)
    : undefined;
  try {
    return await render((share) => {
      done = share;
      bar?.update(Math.round(share * 100));
    });
  } finally {
    clearTimeout(timer);
    (bar as cliProgress.SingleBar | null)?.stop();
  }
}
