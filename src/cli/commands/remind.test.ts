import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engagementSettings } from '../../../test/support/factories.js';
import { buildAction, buildFinding } from '../../domain/findings/testing.js';
import { addDays } from '../../domain/dates.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { createServices, defaultServiceDependencies } from '../../services/index.js';
import { webhookPolicyFrom } from '../../services/remediation/webhook-addresses.js';
import { migrateToLatest, openDatabase } from '../../store/database.js';
import { createFindingsRepository } from '../../store/findings-repository.js';
import { runCli, runCliWith } from '../testing.js';

const today = new Date().toISOString().slice(0, 10);

/** The receivers listen on loopback, which webhooks reach only where the operator allows it. */
const ALLOW_LOOPBACK = { ASSAY_WEBHOOK_ALLOW: '127.0.0.1' };

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A webhook on a free loopback port counting what it receives. */
async function webhook(): Promise<{ url: string; received: () => number }> {
  let received = 0;
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received: () => received };
}

/** A database with engagements whose plans send to `webhooks` (one engagement each), each with an overdue action. */
async function database(webhooks: string[]): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'assay-remind-')), 'assay.sqlite');
  const store = await openDatabase(file);
  try {
    await migrateToLatest(store.db);
    const services = createServices(store, { ...defaultServiceDependencies, webhooks: { policy: webhookPolicyFrom(ALLOW_LOOPBACK) } });
    const organization = await services.organizations.create(OPERATOR, { slug: 'acme', name: 'Acme' });
    for (const [i, url] of webhooks.entries()) {
      const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings({ name: `Engagement ${i + 1}` }));
      await createFindingsRepository(store.db).create(engagement.id, buildFinding({ correctiveActions: [buildAction({ due: addDays(today, -1) })] }));
      await services.remediation.updatePlan(OPERATOR, organization.id, engagement.id, 0, { targetDate: null, webhookUrl: url, dueSoonDays: 14 });
    }
    // An engagement without a webhook is not reminded.
    await services.engagements.create(OPERATOR, organization.id, engagementSettings({ name: 'Quiet' }));
  } finally {
    await store.close();
  }
  return file;
}

describe('assay remind', () => {
  it('sends each engagement’s reminder to its webhook, one line each', async () => {
    const hook = await webhook();
    const file = await database([hook.url]);
    const { code, stdout } = await runCliWith({ env: ALLOW_LOOPBACK }, 'remind', '--database', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^sent {5}Engagement 1 \([^)]+\): 1 overdue, 0 due soon\n$/);
    expect(hook.received()).toBe(1);
  });

  it('sends nothing to loopback unless the instance allows it, saying why on stderr only', async () => {
    const hook = await webhook();
    const file = await database([hook.url]);
    const { code, stdout, stderr } = await runCli('remind', '--database', file, '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ failed: 1, reminders: [{ outcome: { delivery: 'failed', overdue: 1, dueSoon: 0 } }] });
    expect(stdout).not.toContain('loopback');
    expect(stderr).toMatch(/webhook delivery failed for engagement .*: refused: 127\.0\.0\.1 \(loopback\)/);
    expect(hook.received()).toBe(0);
    const bad = await runCliWith({ env: { ASSAY_WEBHOOK_ALLOW: '10.0.0.0/33' } }, 'remind', '--database', file);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/ASSAY_WEBHOOK_ALLOW/) });
  });

  it('exits 1 when a delivery failed, after trying every engagement', async () => {
    const hook = await webhook();
    const file = await database(['http://127.0.0.1:9/unreachable', hook.url]);
    const { code, stdout, stderr } = await runCliWith({ env: ALLOW_LOOPBACK }, 'remind', '--database', file, '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { failed: number; reminders: { engagementName: string; outcome: { delivery: string } }[] };
    expect(report.failed).toBe(1);
    const byName = [...report.reminders].sort((a, b) => a.engagementName.localeCompare(b.engagementName));
    expect(byName.map((r) => [r.engagementName, r.outcome.delivery])).toEqual([
      ['Engagement 1', 'failed'],
      ['Engagement 2', 'delivered'],
    ]);
    // The operator running the command sees why; the report says only that it failed.
    expect(stderr).toMatch(/ECONNREFUSED/);
    expect(hook.received()).toBe(1);
  });

  it('says so when no engagement has a webhook, and refuses a database that is not there', async () => {
    const file = await database([]);
    expect(await runCli('remind', '--database', file)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^No engagement has a reminder webhook/) });
    const missing = await runCli('remind', '--database', join(tmpdir(), 'no-such-assay.sqlite'));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/no database here/) });
  });
});
