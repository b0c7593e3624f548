/**
 * The instance's webhook settings for the commands that send reminders and trust page notifications (`serve`,
 * `demo`, `remind`): which internal hosts and networks a webhook may reach (ASSAY_WEBHOOK_ALLOW_PRIVATE,
 * ASSAY_WEBHOOK_ALLOW), and the operator's log (stderr) for why a delivery failed, which callers are never told.
 */
import { defaultServiceDependencies, type ServiceDependencies } from '../services/index.js';
import { webhookPolicyFrom } from '../services/remediation/webhook-addresses.js';
import { envOf, type CliIO } from './io.js';

export function servicesWithWebhooks(io: CliIO): ServiceDependencies {
  return {
    ...defaultServiceDependencies,
    webhooks: { policy: webhookPolicyFrom(envOf(io)), logFailure: (line) => io.err(`${line}\n`) },
  };
}
