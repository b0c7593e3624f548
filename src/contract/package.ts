/** The auditor's package over the API: a zip download, declared by its content type. */
import { z } from 'zod';

export const auditorPackageZip = {
  description:
    "The auditor's package (Content-Disposition: attachment): manifest.json (every other file's path, size and SHA-256, the engagement, the period, the generation time and the audit log's head), workpapers.xlsx, examination.json and evidence/<record>/<file name> for every evidence file that stands for a control of the engagement. Check it with `assay verify --package FILE`.",
  content: { 'application/zip': { schema: z.string().describe('The zip') } },
};
