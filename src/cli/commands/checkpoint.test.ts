import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.js';
import { runCli, runCliWith } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

/** A database with the demo imported (three events: the organisation, the checks, the engagement), and a folder for key files. */
async function setUp(): Promise<{ database: string; folder: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'assay-checkpoint-'));
  const database = join(folder, 'assay.sqlite');
  expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
  return { database, folder };
}

async function headOf(database: string): Promise<string> {
  const { stdout } = await runCli('verify', '--database', database);
  const match = /--expect-head (\d+:[0-9a-f]{64})/.exec(stdout);
  expect(match).not.toBeNull();
  return match![1]!;
}

async function withDatabase(database: string, work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<unknown>) {
  const store = await openDatabase(database);
  try {
    await work(store.db);
  } finally {
    await store.close();
  }
}

describe('assay checkpoint and assay verify', () => {
  it('creates a key readable by its owner only, never overwrites it, and prints its public key', async () => {
    const { folder } = await setUp();
    const key = join(folder, 'checkpoint.key');
    const created = await runCli('checkpoint', 'init-key', '--checkpoint-key', key);
    expect(created.code).toBe(0);
    const publicKey = /^(ed25519:[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1];
    expect(publicKey).toBeDefined();
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    expect(await runCliWith({ env: { ASSAY_CHECKPOINT_KEY: key } }, 'checkpoint', 'public-key')).toMatchObject({ code: 0, stdout: `${publicKey}\n` });

    const again = await runCli('checkpoint', 'init-key', '--checkpoint-key', key);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining(`${key}: a file is already there: a key is never overwritten`) });
    expect((await runCli('checkpoint', 'public-key')).stderr).toContain('--checkpoint-key: give the key file, or set $ASSAY_CHECKPOINT_KEY');
    const notAKey = join(folder, 'not-a-key');
    await writeFile(notAKey, 'hello');
    expect(await runCli('checkpoint', 'public-key', '--checkpoint-key', notAKey)).toMatchObject({ code: 2, stderr: expect.stringContaining(`${notAKey}: not a private key in PEM form`) });
  });

  it('passes through a noted head while events are added, and fails (exit 1) once the events from it on are deleted', async () => {
    const { database } = await setUp();
    const noted = await headOf(database);
    await runCli('user', 'add', '--email', 'ann@acme.example', '--role', 'viewer', '--organization', 'acme', '--database', database);
    const later = await runCli('verify', '--database', database, '--expect-head', noted);
    expect(later.code).toBe(0);
    expect(later.stdout).toContain(`expected head event ${noted.split(':')[0]}: unchanged, so is every event before it (2 events came after it)`);

    await withDatabase(database, (db) => db.deleteFrom('audit_events').where('seq', '>=', Number(noted.split(':')[0])).execute());
    const plain = await runCli('verify', '--database', database);
    expect(plain.code).toBe(0);
    const deleted = await runCli('verify', '--database', database, '--expect-head', noted);
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toContain(`audit log ALTERED\n  the expected head ${noted}: event ${noted.split(':')[0]} is gone: the events from it on were deleted\n`);
  });

  it('refuses a malformed --expect-head as a usage error', async () => {
    const { database } = await setUp();
    const { code, stderr } = await runCli('verify', '--database', database, '--expect-head', '12:not-a-hash');
    expect(code).toBe(2);
    expect(stderr).toContain('must be SEQ:HASH');
  });

  it('signs checkpoints that a verifier with only the public key checks, and names a rewrite under one', async () => {
    const { database, folder } = await setUp();
    const key = join(folder, 'checkpoint.key');
    const publicKey = (await runCli('checkpoint', 'init-key', '--checkpoint-key', key, '--format', 'json')).stdout;
    const { publicKey: line, keyId } = JSON.parse(publicKey) as { publicKey: string; keyId: string };
    const written = await runCliWith({ env: { ASSAY_CHECKPOINT_KEY: key } }, 'checkpoint', '--database', database);
    expect(written.stdout).toMatch(new RegExp(`^Checkpoint written: event 13 [0-9a-f]{64} at \\S+, signed with key ${keyId}\\n$`));
    expect((await runCliWith({ env: { ASSAY_CHECKPOINT_KEY: key } }, 'checkpoint', '--database', database)).stdout).toContain('No checkpoint written');

    const verified = await runCli('verify', '--database', database, '--public-key', line);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`checkpoints: 1, signatures checked; the latest vouches for event 13 (signed at `);
    const unchecked = await runCli('verify', '--database', database);
    expect(unchecked.stdout).toContain('checkpoints: 1, signatures NOT checked (give --public-key or --checkpoint-key)');

    // Whoever holds the database but not the key changes the checkpoint to match a chain they rewrote.
    await withDatabase(database, (db) => db.updateTable('audit_checkpoints').set({ event_hash: 'f'.repeat(64) }).execute());
    const forged = await runCli('verify', '--database', database, '--public-key', line, '--format', 'json');
    expect(forged.code).toBe(1);
    expect(JSON.parse(forged.stdout)).toMatchObject({ intact: false, firstBreak: null, checkpoints: { problems: [{ checkpoint: { seq: 13 }, why: expect.stringMatching(/^its signature does not verify/) }] } });
    expect((await runCli('verify', '--database', database, '--public-key', 'ed25519:short')).stderr).toContain('--public-key: not an Ed25519 public key');
  });
});
