/**
 * The risk register over HTTP. Shapes are checked here (unknown fields refused, ratings 1 to 5, real dates,
 * lengths); links to the engagement's controls and findings are checked by the risks service.
 */
import { z } from 'zod';
import { CONTROL_CONCLUSIONS, MAX_RATING, MIN_RATING, RISK_FLAGS, RISK_LEVELS, RISK_TREATMENTS, VENDOR_RISK_REASONS } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_CRITERION_ID_LENGTH, MAX_ID_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { engagementParams } from './engagements.js';
import { date, text, version } from './fields.js';

/** `riskCode` is the risk's code in the engagement (e.g. R-001). */
export const riskParams = engagementParams.extend({ riskCode: z.string().min(1).max(MAX_ID_LENGTH) });

const rating = z.number().int().min(MIN_RATING).max(MAX_RATING);
const count = z.number().int();

const acceptanceSchema = z.object({ approver: z.string(), reason: z.string(), expiresOn: z.string() });

const score = z.object({ likelihood: count, impact: count, score: count, level: z.enum(RISK_LEVELS) });

export const riskSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    scenario: z.string(),
    owner: z.string(),
    category: z.string(),
    likelihood: count,
    impact: count,
    treatment: z.enum(RISK_TREATMENTS),
    controls: z.array(z.string()),
    criteria: z.array(z.string()),
    findings: z.array(z.string()),
    acceptance: acceptanceSchema.nullable(),
    lastReviewedOn: z.string().nullable(),
    nextReviewOn: z.string().nullable(),
    /** The vendor (its code), its SOC 2 report and the reason, when a vendor's report raised the risk. */
    raisedBy: z.object({ vendor: z.string(), report: z.string(), reason: z.enum(VENDOR_RISK_REASONS) }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: count,
    assessment: z.object({
      inherent: score,
      residual: score,
      mitigations: z.array(
        z.object({ control: z.string(), conclusion: z.enum(CONTROL_CONCLUSIONS).nullable(), monitoringFailing: z.boolean(), reduction: count, reason: z.string() }),
      ),
      strongest: z.string().nullable(),
      reasons: z.array(z.string()),
    }),
    flags: z.array(z.enum(RISK_FLAGS)),
  })
  .meta({ id: 'Risk' });

export const riskRegisterSchema = z.object({ today: z.string(), risks: z.array(riskSchema) }).meta({ id: 'RiskRegister' });

const riskFields = {
  title: text(MAX_NAME_LENGTH),
  scenario: text(MAX_TEXT_LENGTH),
  owner: text(MAX_OWNER_LENGTH),
  category: text(MAX_NAME_LENGTH),
  likelihood: rating,
  impact: rating,
  treatment: z.enum(RISK_TREATMENTS),
  controls: z.array(text(MAX_CONTROL_ID_LENGTH)).max(MAX_LIST_LENGTH),
  criteria: z.array(text(MAX_CRITERION_ID_LENGTH)).max(MAX_LIST_LENGTH),
  findings: z.array(text(MAX_ID_LENGTH)).max(MAX_LIST_LENGTH),
  acceptance: z.strictObject({ approver: text(MAX_OWNER_LENGTH), reason: text(MAX_TEXT_LENGTH), expiresOn: date }).nullable(),
  lastReviewedOn: date.nullable(),
  nextReviewOn: date.nullable(),
};

export const riskBody = z.strictObject(riskFields);
export const riskUpdateBody = z.strictObject({ ...riskFields, version });

export type RiskView = z.infer<typeof riskSchema>;
export type RiskRegister = z.infer<typeof riskRegisterSchema>;
export type RiskBody = z.input<typeof riskBody>;
