/** A first run over HTTP: an engagement from the starter set, the set added to an empty engagement, a zipped workspace. */
import { z } from 'zod';
import { createEngagementBody, engagementSchema } from './engagements.js';
import { createOrganizationBody } from './organizations.js';

/** The answers that tailor the starter set (docs/starter-sets.md); an answer left out is no. */
export const starterAnswers = z.strictObject({
  cloudProvider: z.boolean().default(false),
  personalData: z.boolean().default(false),
  hrSystem: z.boolean().default(false),
  developsSoftware: z.boolean().default(false),
});

export const startEngagementBody = z.strictObject({
  engagement: createEngagementBody,
  answers: starterAnswers.default({ cloudProvider: false, personalData: false, hrSystem: false, developsSoftware: false }),
});

export const addStarterControlsBody = z.strictObject({ answers: starterAnswers });

export const startedEngagementSchema = z
  .object({
    engagement: engagementSchema,
    /** The ids of the controls the starter set added, in its order. */
    controls: z.array(z.string()),
  })
  .meta({ id: 'StartedEngagement' });

export const workspaceImportSchema = z
  .object({
    engagement: engagementSchema,
    counts: z.object({
      controls: z.number().int(),
      tests: z.number().int(),
      samples: z.number().int(),
      findings: z.number().int(),
      rootCauses: z.number().int(),
      managementResponses: z.number().int(),
    }),
    /** What a person should know that the import did not change (the organisation's name differs from the workspace's). */
    notes: z.array(z.string()),
  })
  .meta({ id: 'WorkspaceImport' });

/** What the setup page may offer the caller. */
export const setupOptionsSchema = z
  .object({
    /** An instance administrator's, or anyone's under `assay serve --allow-signup`. */
    mayCreateOrganizations: z.boolean(),
  })
  .meta({ id: 'SetupOptions' });

export type SetupOptions = z.infer<typeof setupOptionsSchema>;
export type StarterAnswersInput = z.input<typeof starterAnswers>;
export type StartEngagementInput = z.input<typeof startEngagementBody>;
export type StartedEngagement = z.infer<typeof startedEngagementSchema>;
export type WorkspaceImport = z.infer<typeof workspaceImportSchema>;
export type CreateOrganizationInput = z.input<typeof createOrganizationBody>;
