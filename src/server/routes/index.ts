/** The REST API under /api/v1: one module per resource. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import { auditRoutes } from './audit/index.js';
import { checkRoutes } from './checks/index.js';
import { authRoutes } from './auth/index.js';
import { controlRoutes } from './controls/index.js';
import { controlTestRoutes } from './controls/tests.js';
import { notApplicableRoutes } from './criteria/not-applicable.js';
import { coverageRoutes } from './coverage/index.js';
import { descriptionRoutes } from './description/index.js';
import { engagementRoutes } from './engagements/index.js';
import { evidenceRoutes } from './evidence/index.js';
import { examinationRoutes } from './examination/index.js';
import { findingRoutes } from './findings/index.js';
import { managementResponseRoutes } from './findings/management-responses.js';
import { rootCauseRoutes } from './findings/root-causes.js';
import { healthRoutes } from './health.js';
import { invitationRoutes } from './invitations/index.js';
import { memberRoutes } from './members/index.js';
import { organizationRoutes } from './organizations/index.js';
import { oscalRoutes } from './oscal/index.js';
import { periodRoutes } from './periods/index.js';
import { remediationRoutes } from './remediation/index.js';
import { reportRoutes } from './reports/index.js';
import { packageRoutes } from './reports/package.js';
import { riskRoutes } from './risks/index.js';
import { vendorRoutes } from './vendors/index.js';
import { starterRoutes } from './starter/index.js';
import { tokenRoutes } from './tokens/index.js';
import { trustRoutes } from './trust/index.js';

export interface ApiOptions {
  services: Services;
  secureCookies: boolean;
  /** Requests a minute per client address to the public account routes (sign-in, sign-up, reset). */
  loginRateLimit: number;
  /** The installation's address for the links it hands out; null: the address each request came to. */
  publicUrl: string | null;
}

export async function apiRoutes(app: FastifyInstance, { services, secureCookies, loginRateLimit, publicUrl }: ApiOptions): Promise<void> {
  // Only these options go down: Fastify would read a `prefix` among them as a second prefix.
  const options: ApiOptions = { services, secureCookies, loginRateLimit, publicUrl };
  await app.register(healthRoutes, options);
  await app.register(authRoutes, options);
  await app.register(organizationRoutes, options);
  await app.register(memberRoutes, options);
  await app.register(invitationRoutes, options);
  await app.register(tokenRoutes, options);
  await app.register(engagementRoutes, options);
  await app.register(controlRoutes, options);
  await app.register(controlTestRoutes, options);
  await app.register(examinationRoutes, options);
  await app.register(findingRoutes, options);
  await app.register(managementResponseRoutes, options);
  await app.register(rootCauseRoutes, options);
  await app.register(oscalRoutes, options);
  await app.register(remediationRoutes, options);
  await app.register(periodRoutes, options);
  await app.register(auditRoutes, options);
  await app.register(reportRoutes, options);
  await app.register(packageRoutes, options);
  await app.register(starterRoutes, options);
  await app.register(notApplicableRoutes, options);
  await app.register(checkRoutes, options);
  await app.register(evidenceRoutes, options);
  await app.register(coverageRoutes, options);
  await app.register(trustRoutes, options);
  await app.register(descriptionRoutes, options);
  await app.register(riskRoutes, options);
  await app.register(vendorRoutes, options);
}
