/** Report sections over the API: the "other information" section as Markdown, and which responses it holds. */
import { z } from 'zod';

/** The section as a Markdown download (declared by content type, so the OpenAPI document says what is sent). */
export const otherInformationDocument = {
  description: 'The Markdown document: one subsection per exception whose management response is approved; drafts counted in a note',
  content: {
    'text/markdown': {
      schema: z.string().describe('Markdown (CommonMark)'),
    },
  },
};

export const otherInformationSummary = z.object({
  approved: z.array(z.string()).describe('Codes of the findings whose approved response the section gives, in code order'),
  drafts: z.array(z.string()).describe('Codes of the findings whose response is still a draft, left out of the section'),
  fileName: z.string().describe('The name the download is saved under'),
});

export type OtherInformationSummary = z.infer<typeof otherInformationSummary>;
