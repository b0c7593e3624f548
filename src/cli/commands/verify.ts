/**
 * `assay verify`: recomputes the audit log's hash chain, prints its head, and checks it against a head noted
 * earlier (`--expect-head SEQ:HASH`) and against the signed checkpoints (with `--public-key` or the key file);
 * then reads every evidence file back and checks it against its SHA-256; exit 1 naming each problem. With
 * `--package FILE` it checks an auditor's package instead, on its own (verify-package.ts).
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { KeyObject } from 'node:crypto';
import { ValidationError } from '../../domain/index.js';
import { counted } from '../../domain/words.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { parsePublicKey } from '../../services/audit-log/checkpoint-signature.js';
import { createServices, defaultServiceDependencies } from '../../services/index.js';
import { evidenceSettingsFrom, type BlobReport } from '../../services/evidence/index.js';
import type { ChainReport } from '../../services/audit-log/integrity-service.js';
import type { ChainPoint } from '../../store/audit-repository.js';
import { CHECKPOINT_KEY_OPTION_HELP, checkpointKeyPath, readCheckpointKey } from '../checkpoint-key.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import { EXIT_OK, EXIT_PROBLEMS_FOUND } from '../exit-codes.js';
import { envOf, type CliIO } from '../io.js';
import { choice } from '../options.js';
import { verifyPackageFile } from './verify-package.js';

const FORMATS = ['text', 'json'] as const;

/** `SEQ:HASH` as `assay verify` prints the head. */
export function chainPoint(value: string): ChainPoint {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('must be SEQ:HASH, an event number and its 64-digit hex SHA-256, as `assay verify` prints the head');
  return { seq: Number(match[1]), hash: (match[2] as string).toLowerCase() };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A `--public-key` value: the key on one line, or a file holding it (one line or PEM). */
async function publicKeyFrom(value: string): Promise<KeyObject> {
  if (value.startsWith('ed25519:')) return parsePublicKey(value, '--public-key');
  const text = await readFile(value, 'utf8').catch(() => {
    throw new ValidationError([{ location: value, message: 'neither a public key ("ed25519:…") nor a file that can be read' }], 'Cannot read the public key');
  });
  return parsePublicKey(text, value);
}

export function registerVerify(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description(
      "recompute the audit log's hash chain and print its head; name each event altered, inserted or deleted, and each break of a noted head or a signed checkpoint; check every evidence file against its SHA-256 (exit 1 on any problem)",
    )
    .option('--expect-head <seq:hash>', 'a head noted earlier: the chain must still pass through it (proves that nothing up to it changed)', chainPoint)
    .option('--public-key <key>', 'check the checkpoints\' signatures with this key ("ed25519:…" or a file); repeat for keys used before', collect)
    .option('--checkpoint-key <file>', `${CHECKPOINT_KEY_OPTION_HELP}: check the signatures with its public key`)
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--package <file>', "check an auditor's package (a zip) against its manifest instead, without a database: exit 1 naming each file missing, extra or altered")
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(
      async (options: { expectHead?: ChainPoint; publicKey?: string[]; checkpointKey?: string; database?: string; package?: string; format: (typeof FORMATS)[number] }) => {
        if (options.package !== undefined) {
          const databaseOptions = (['expectHead', 'publicKey', 'checkpointKey', 'database'] as const).filter((name) => options[name] !== undefined);
          if (databaseOptions.length > 0) {
            throw new ValidationError(databaseOptions.map((name) => ({ location: `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, message: 'checks the database, not a package: give it without --package' })), 'Cannot check a package and the database at once');
          }
          setExit(await verifyPackageFile(options.package, options.format, io));
          return;
        }
        const keys = await Promise.all((options.publicKey ?? []).map(publicKeyFrom));
        const keyFile = checkpointKeyPath(options.checkpointKey, io);
        if (keyFile !== undefined) keys.push((await readCheckpointKey(keyFile, io)).publicKey);
        const url = resolveDatabaseUrl(options.database, io);
        const { report, evidence } = await withStore(url, { mustExist: true }, async (store) => {
          const services = createServices(store, { ...defaultServiceDependencies, evidence: evidenceSettingsFrom(envOf(io)) });
          const chain = await services.integrity.verifyAuditChain(OPERATOR, {
            ...(options.expectHead && { expectedHead: options.expectHead }),
            ...(keys.length > 0 && { publicKeys: keys }),
          });
          return { report: chain, evidence: await services.evidence.verifyBlobs(OPERATOR) };
        });
        setExit(report.intact && evidence.problems.length === 0 ? EXIT_OK : EXIT_PROBLEMS_FOUND);
        io.out(options.format === 'json' ? `${JSON.stringify({ ...report, evidence }, null, 2)}\n` : render(report) + renderEvidence(evidence));
      },
    );
}

function render(report: ChainReport): string {
  const { head, expectedHead, checkpoints } = report;
  const headLine = head ? `head: event ${head.seq} ${head.hash}   (note it: assay verify --expect-head ${head.seq}:${head.hash})` : 'head: none (no event yet)';
  const problems: string[] = [];
  const b = report.firstBreak;
  if (b !== null) {
    problems.push(`the chain breaks at event ${b.seq} (${b.type ?? '?'} of ${b.subject ?? '?'}${b.occurredAt ? ` at ${b.occurredAt}` : ''}): ${b.why}`);
  }
  if (expectedHead?.why) problems.push(`the expected head ${expectedHead.seq}:${expectedHead.hash}: ${expectedHead.why}`);
  for (const p of checkpoints.problems) {
    problems.push(p.checkpoint ? `the checkpoint of event ${p.checkpoint.seq} signed at ${p.checkpoint.createdAt}: ${p.why}` : `checkpoints: ${p.why}`);
  }
  const notes: string[] = [];
  if (expectedHead?.outcome === 'matches') {
    notes.push(`expected head event ${expectedHead.seq}: unchanged, so is every event before it (${expectedHead.eventsAfter} events came after it)`);
  }
  const latest = checkpoints.latest;
  notes.push(
    checkpoints.count === 0
      ? 'checkpoints: none'
      : `checkpoints: ${checkpoints.count}${checkpoints.signaturesChecked ? ', signatures checked' : ', signatures NOT checked (give --public-key or --checkpoint-key)'}; the latest vouches for event ${latest?.seq} (signed at ${latest?.createdAt} with key ${latest?.keyId})`,
  );
  if (problems.length === 0) return [`audit log intact: ${report.events} events`, `  ${headLine}`, ...notes.map((n) => `  ${n}`), ''].join('\n');
  return [
    'audit log ALTERED',
    ...problems.map((p) => `  ${p}`),
    `  ${report.events} events in the log, ${headLine}`,
    "  check the database's backups and access logs for what changed",
    '',
  ].join('\n');
}

function renderEvidence(report: BlobReport): string {
  const where = report.location === 'database' ? 'in the database' : `in ${report.location}`;
  if (report.problems.length === 0) return `evidence intact: ${counted(report.checked, 'file')} ${where}, each matches its SHA-256\n`;
  return [
    `evidence ALTERED: ${report.problems.length} of ${counted(report.checked, 'file')} ${where}`,
    ...report.problems.map(
      (p) => `  ${p.sha256}: ${p.condition === 'missing' ? 'missing' : 'its bytes no longer match the hash'}; named by ${p.records.map((r) => `${r.fileName} (evidence ${r.id} of engagement ${r.engagementId})`).join(', ')}`,
    ),
    '',
  ].join('\n');
}
