/**
 * The auditor's package as a download: one zip of the workpapers, the examination and the evidence with its
 * manifest, streamed as it is written (the evidence read from the store as it goes out, never held whole).
 */
import { Readable } from 'node:stream';
import { auditorPackageZip, engagementParams, problemSchema } from '../../../contract/index.js';
import { MAX_PACKAGES_PER_MINUTE } from '../../../domain/limits.js';
import { asAttachment } from '../../download.js';
import { ENGAGEMENT_URL, inEngagement } from '../../engagement-request.js';
import { routeModule } from '../route.js';

export const packageRoutes = routeModule('reports', (app, route, { packages }) => {
  // Each package renders the workpapers and reads every evidence file: a few a minute per client address at most.
  const rateLimit = { max: MAX_PACKAGES_PER_MINUTE, timeWindow: '1 minute' };
  app.get(`${ENGAGEMENT_URL}/reports/package`, {
    ...route(
      'package.export',
      "The auditor's package: the workpapers, the examination and every evidence file the tests rely on, with a SHA-256 manifest (a zip download; 429 past a few a minute)",
      { params: engagementParams, response: { 200: auditorPackageZip, 429: problemSchema } },
      { rateLimit },
    ),
    handler: async (request, reply) => {
      const pkg = await packages.export(...inEngagement(request));
      return asAttachment(reply, pkg.fileName).type('application/zip').send(Readable.from(pkg.content, { objectMode: false }));
    },
  });
});
