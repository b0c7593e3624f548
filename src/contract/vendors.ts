/**
 * Vendors over HTTP: the inventory, its reviews, each vendor's SOC 2 reports and the risks they raise. Shapes are
 * checked here; links to our controls and the period's order by the vendors service.
 */
import { z } from 'zod';
import { OPINION_KINDS, VENDOR_CRITICALITIES, VENDOR_RISK_REASONS } from '../domain/index.js';
import { MAX_CONTROL_ID_LENGTH, MAX_ID_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { engagementParams } from './engagements.js';
import { date, text, version } from './fields.js';

/** `vendorCode` is the vendor's code in the engagement (e.g. V-001). */
export const vendorParams = engagementParams.extend({ vendorCode: z.string().min(1).max(MAX_ID_LENGTH) });

const count = z.number().int();

const cuecSchema = z.object({ text: z.string(), control: z.string().nullable() });

export const vendorReportSchema = z
  .object({
    id: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    opinion: z.enum(OPINION_KINDS),
    exceptions: count,
    cuecs: z.array(cuecSchema),
    recordedAt: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: 'VendorReport' });

const vendorShape = {
  code: z.string(),
  name: z.string(),
  service: z.string(),
  criticality: z.enum(VENDOR_CRITICALITIES),
  data: z.string(),
  subprocessor: z.boolean(),
  owner: z.string(),
  lastReviewedOn: z.string().nullable(),
  nextReviewOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: count,
};

export const vendorSchema = z.object(vendorShape).meta({ id: 'Vendor' });

export const vendorListSchema = z
  .object({
    today: z.string(),
    vendors: z.array(
      z.object({
        ...vendorShape,
        reviewOverdue: z.boolean(),
        reports: z.array(vendorReportSchema.extend({ reasons: z.array(z.enum(VENDOR_RISK_REASONS)), gaps: count })),
        risks: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'VendorList' });

const vendorFields = {
  name: text(MAX_NAME_LENGTH),
  service: text(MAX_NAME_LENGTH),
  criticality: z.enum(VENDOR_CRITICALITIES),
  data: text(MAX_TEXT_LENGTH),
  subprocessor: z.boolean(),
  owner: text(MAX_OWNER_LENGTH),
  lastReviewedOn: date.nullable(),
  nextReviewOn: date.nullable(),
};

export const vendorBody = z.strictObject(vendorFields);
export const vendorUpdateBody = z.strictObject({ ...vendorFields, version });

export const vendorReportBody = z.strictObject({
  periodStart: date,
  periodEnd: date,
  opinion: z.enum(OPINION_KINDS),
  exceptions: z.number().int().min(0).max(1_000_000),
  cuecs: z.array(z.strictObject({ text: text(MAX_TEXT_LENGTH), control: text(MAX_CONTROL_ID_LENGTH).nullable() })).max(MAX_LIST_LENGTH),
});

export const recordedReportSchema = z.object({ report: vendorReportSchema, raised: z.array(z.string()) }).meta({ id: 'RecordedVendorReport' });
export const raisedRisksSchema = z.object({ raised: z.array(z.string()) }).meta({ id: 'RaisedRisks' });

export type VendorList = z.infer<typeof vendorListSchema>;
export type VendorListItem = VendorList['vendors'][number];
export type VendorBody = z.input<typeof vendorBody>;
export type VendorReportBody = z.input<typeof vendorReportBody>;
export type RecordedReport = z.infer<typeof recordedReportSchema>;
