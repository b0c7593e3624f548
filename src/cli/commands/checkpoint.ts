/**
 * `assay checkpoint`: signs the audit chain's head now with the installation's key (`assay serve` also does it on
 * start and every hour). `init-key` makes the key file, `public-key` prints the key others verify with.
 */
import type { Command } from 'commander';
import { OPERATOR } from '../../services/platform/actor.js';
import { publicKeyText } from '../../services/audit-log/checkpoint-signature.js';
import { createServices } from '../../services/index.js';
import { CHECKPOINT_KEY_OPTION_HELP, createCheckpointKey, readCheckpointKey, requireCheckpointKeyPath } from '../checkpoint-key.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

export function registerCheckpoint(program: Command, io: CliIO): void {
  const checkpoint = program
    .command('checkpoint')
    .description("sign the audit chain's head with the installation's key, so that a later rewrite is detected without the key");

  checkpoint
    .command('write', { isDefault: true })
    .description("sign the chain's head now (refused when the chain does not verify)")
    .option('--checkpoint-key <file>', CHECKPOINT_KEY_OPTION_HELP)
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: { checkpointKey?: string; database?: string; format: Format }) => {
      const signer = await readCheckpointKey(requireCheckpointKeyPath(options.checkpointKey, io), io);
      const url = resolveDatabaseUrl(options.database, io);
      const written = await withStore(url, { mustExist: true }, (store) => createServices(store).integrity.writeCheckpoint(OPERATOR, signer));
      if (options.format === 'json') {
        io.out(`${JSON.stringify({ written: written !== null, checkpoint: written }, null, 2)}\n`);
      } else if (written === null) {
        io.out('No checkpoint written: the audit log is empty, or its head is already the latest checkpoint\n');
      } else {
        io.out(`Checkpoint written: event ${written.seq} ${written.hash} at ${written.createdAt}, signed with key ${written.keyId}\n`);
      }
    });

  checkpoint
    .command('init-key')
    .description('create the key file (Ed25519, readable by its owner only) and print its public key; an existing file is never overwritten')
    .option('--checkpoint-key <file>', CHECKPOINT_KEY_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: { checkpointKey?: string; format: Format }) => {
      const path = requireCheckpointKeyPath(options.checkpointKey, io);
      const signer = await createCheckpointKey(path);
      printPublicKey(io, options.format, path, signer, `Created the checkpoint key ${path}. Keep it outside the database and its backups; give it to \`assay serve\` (--checkpoint-key or $ASSAY_CHECKPOINT_KEY).`);
    });

  checkpoint
    .command('public-key')
    .description('print the public key that verifies the checkpoints (`assay verify --public-key`)')
    .option('--checkpoint-key <file>', CHECKPOINT_KEY_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: { checkpointKey?: string; format: Format }) => {
      const path = requireCheckpointKeyPath(options.checkpointKey, io);
      printPublicKey(io, options.format, path, await readCheckpointKey(path, io), null);
    });
}

function printPublicKey(io: CliIO, format: Format, path: string, signer: Awaited<ReturnType<typeof readCheckpointKey>>, intro: string | null): void {
  const publicKey = publicKeyText(signer.publicKey);
  if (format === 'json') {
    io.out(`${JSON.stringify({ file: path, keyId: signer.keyId, publicKey }, null, 2)}\n`);
    return;
  }
  if (intro) io.out(`${intro}\n`);
  io.out(`${publicKey}\n`);
  if (intro) io.out(`Note the public key (key ${signer.keyId}) somewhere the database's administrators cannot change: \`assay verify --public-key\` checks the checkpoints with it.\n`);
}
