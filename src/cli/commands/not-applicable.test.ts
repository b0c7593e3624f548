import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NotApplicableProposals } from '../../services/engagements/not-applicable-service.js';
import { runCli, runCliWith } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');
const PASSWORD = 'correct horse battery staple';

/** Acme imported, with a compliance lead; `na` runs `assay not-applicable …` on it. */
async function acme() {
  const database = join(await mkdtemp(join(tmpdir(), 'assay-na-')), 'assay.sqlite');
  expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
  const addMember = async (email: string, role: string) =>
    expect((await runCli('user', 'add', '--email', email, '--role', role, '--organization', 'acme', '--password', PASSWORD, '--database', database)).code).toBe(0);
  await addMember('lead@acme.example', 'compliance');
  // A member is acted as with their password, which the console is given in $ASSAY_PASSWORD.
  const naWith = (password: string | undefined, ...args: string[]) =>
    runCliWith({ env: { ASSAY_PASSWORD: password } }, 'not-applicable', ...args, '--organization', 'acme', '--database', database);
  const na = (...args: string[]) => naWith(PASSWORD, ...args);
  return { database, addMember, na, naWith };
}

describe('assay not-applicable', () => {
  it('proposes as a named member, shows the forecast both ways, and is decided by the auditor: never management, nor the admin once there is an auditor', async () => {
    const { addMember, na } = await acme();
    const proposed = await na('propose', '--criterion', 'CC6.2', '--reason', 'Access is the parent company’s', '--as', 'lead@acme.example');
    expect(proposed).toMatchObject({ code: 0, stdout: 'Proposed CC6.2 not applicable: pending until the auditor decides\n' });

    const listed = JSON.parse((await na('list', '--format', 'json')).stdout) as NotApplicableProposals;
    expect(listed.proposals).toEqual([expect.objectContaining({ criterion: 'CC6.2', status: 'pending', proposedBy: 'user:lead@acme.example' })]);
    expect(listed.forecasts).toEqual([{ criterion: 'CC6.2', status: 'not_met', opinion: 'qualified', opinionIfAccepted: 'unmodified' }]);
    expect((await na('list')).stdout).toContain('if accepted: unmodified opinion; if not: qualified opinion (the criterion is not met today)');

    // Management cannot accept its own assertion.
    const byLead = await na('accept', '--criterion', 'CC6.2', '--as', 'lead@acme.example');
    expect(byLead.code).toBe(2);
    expect(byLead.stderr).toMatch(/The compliance role does not have the exclusion\.decide permission/);

    // With an auditor in the organisation, the operator (an admin) no longer decides; the auditor does.
    await addMember('auditor@acme.example', 'auditor');
    const byOperator = await na('accept', '--criterion', 'CC6.2');
    expect(byOperator.code).toBe(2);
    expect(byOperator.stderr).toMatch(/The organisation has an auditor/);
    const accepted = await na('accept', '--criterion', 'CC6.2', '--as', 'auditor@acme.example', '--format', 'json');
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ criterion: 'CC6.2', status: 'accepted', decidedBy: 'user:auditor@acme.example' });
  });

  it('rejects with the auditor’s reason, and refuses a rejection without one', async () => {
    const { addMember, na } = await acme();
    await addMember('auditor@acme.example', 'auditor');
    expect((await na('propose', '--criterion', 'CC7.1', '--reason', 'Monitoring is the parent company’s')).code).toBe(0);
    const silent = await na('reject', '--criterion', 'CC7.1', '--as', 'auditor@acme.example');
    expect(silent).toMatchObject({ code: 2, stdout: '' });
    expect(silent.stderr).toContain('--note: say why the criterion applies after all');
    const rejected = await na('reject', '--criterion', 'CC7.1', '--note', 'Monitoring is in the boundary', '--as', 'auditor@acme.example');
    expect(rejected).toMatchObject({ code: 0, stdout: 'Rejected: CC7.1 stays in scope (Monitoring is in the boundary)\n' });
    expect((await na('list')).stdout).toContain('CC7.1   rejected Monitoring is the parent company’s (proposed by operator:cli, rejected by user:auditor@acme.example: Monitoring is in the boundary)');
  });

  it('names the argument of every bad input, with exit 2 and nothing written', async () => {
    const { na } = await acme();
    for (const [args, message] of [
      [['propose', '--reason', 'x'], '--criterion: name the criterion'],
      [['propose', '--criterion', 'CC7.1'], '--reason: say why the criterion does not apply'],
      [['propose', '--criterion', 'ZZ9.9', '--reason', 'x'], '$.criterion: unknown criterion "ZZ9.9"'],
      [['propose', '--criterion', 'CC7.1', '--reason', 'x', '--as', 'nobody@acme.example'], '--as: no active account nobody@acme.example'],
      [['accept', '--criterion', 'CC7.1'], '--criterion: no pending proposal that CC7.1 does not apply'],
    ] as const) {
      const refused = await na(...args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain(message);
    }
    expect(JSON.parse((await na('list', '--format', 'json')).stdout)).toMatchObject({ proposals: [] });
  });

  it('acts as a member only with their password: the console cannot decide in the auditor’s name', async () => {
    const { addMember, na, naWith } = await acme();
    await addMember('auditor@acme.example', 'auditor');
    expect((await na('propose', '--criterion', 'CC7.1', '--reason', 'Monitoring is the parent company’s')).code).toBe(0);
    const accept = ['accept', '--criterion', 'CC7.1', '--as', 'auditor@acme.example'];
    const withoutPassword = await naWith(undefined, ...accept);
    expect(withoutPassword).toMatchObject({ code: 2, stderr: expect.stringContaining('--as: give the password of auditor@acme.example in $ASSAY_PASSWORD') });
    const wrongPassword = await naWith('not the auditor’s password', ...accept);
    expect(wrongPassword).toMatchObject({ code: 2, stderr: expect.stringContaining('--as: no active account auditor@acme.example with the password in $ASSAY_PASSWORD') });
    expect(JSON.parse((await na('list', '--format', 'json')).stdout)).toMatchObject({ proposals: [{ criterion: 'CC7.1', status: 'pending' }] });
  });
});
