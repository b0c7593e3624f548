/**
 * The risk register and the vendors written as workspace files (docs/workspace.md): `risks/<code>.yaml` and
 * `vendors/<code>.yaml`, so that `loadRegister` reads them back as they were. What is optional and absent (no
 * acceptance, no review date, a risk no vendor raised) is left out; a CUEC no control answers is written
 * `control: null`, so the gap reads as one.
 */
import { Document } from 'yaml';
import type { Vendor, VendorReport } from '../domain/index.js';
import { RISKS_FOLDER, type WorkspaceRisk } from './risks.js';
import { VENDORS_FOLDER } from './vendors.js';
import { FileNames, LINE_WIDTH, flow, map, optional, yamlText, type Fields } from './yaml-write.js';

/** The files of the risks and the vendors, in the order given; pure. */
export function renderRegister(register: {
  risks: readonly WorkspaceRisk[];
  vendors: readonly { vendor: Vendor; reports: readonly Omit<VendorReport, 'id'>[] }[];
}): { path: string; text: string }[] {
  const riskNames = new FileNames();
  const vendorNames = new FileNames();
  return [
    ...register.risks.map((r) => ({ path: `${RISKS_FOLDER}/${riskNames.take(r.code)}.yaml`, text: yamlText(riskDocument(r)) })),
    ...register.vendors.map((v) => ({ path: `${VENDORS_FOLDER}/${vendorNames.take(v.vendor.code)}.yaml`, text: yamlText(vendorDocument(v.vendor, v.reports)) })),
  ];
}

function riskDocument(risk: WorkspaceRisk): Document {
  const doc = new Document();
  const list = (key: string, ids: readonly string[]): Fields => (ids.length > 0 ? [[key, flow(doc, ids)]] : []);
  const fields: Fields = [
    ['code', risk.code],
    ['title', risk.title],
    ['scenario', risk.scenario],
    ['owner', risk.owner],
    ['category', risk.category],
    ['likelihood', risk.likelihood],
    ['impact', risk.impact],
    ['treatment', risk.treatment],
    ...list('controls', risk.controls),
    ...list('criteria', risk.criteria),
    ...list('findings', risk.findings),
  ];
  if (risk.acceptance !== null) fields.push(['acceptance', map(doc, [['approver', risk.acceptance.approver], ['reason', risk.acceptance.reason], ['expiresOn', risk.acceptance.expiresOn]])]);
  fields.push(...optional('lastReviewedOn', risk.lastReviewedOn), ...optional('nextReviewOn', risk.nextReviewOn));
  if (risk.raisedBy) {
    const raisedBy = map(doc, [['vendor', risk.raisedBy.vendor], ['report', risk.raisedBy.report], ['reason', risk.raisedBy.reason]]);
    raisedBy.flow = true;
    fields.push(['raisedBy', raisedBy]);
  }
  doc.contents = map(doc, fields);
  return doc;
}

function vendorDocument(vendor: Vendor, reports: readonly Omit<VendorReport, 'id'>[]): Document {
  const doc = new Document();
  const fields: Fields = [
    ['code', vendor.code],
    ['name', vendor.name],
    ['service', vendor.service],
    ['criticality', vendor.criticality],
    ['data', vendor.data],
    ['subprocessor', vendor.subprocessor],
    ['owner', vendor.owner],
    ...optional('lastReviewedOn', vendor.lastReviewedOn),
    ...optional('nextReviewOn', vendor.nextReviewOn),
  ];
  if (reports.length > 0) {
    const written = reports.map((r) => {
      const cuecs = r.cuecs.map((c) => {
        const cuec = map(doc, [['text', c.text], ['control', c.control]]);
        cuec.flow = c.text.length + 40 <= LINE_WIDTH && !/[\r\n]/.test(c.text);
        return cuec;
      });
      return map(doc, [['periodStart', r.periodStart], ['periodEnd', r.periodEnd], ['opinion', r.opinion], ['exceptions', r.exceptions], ...(cuecs.length > 0 ? ([['cuecs', doc.createNode(cuecs)]] as Fields) : [])]);
    });
    fields.push(['reports', doc.createNode(written)]);
  }
  doc.contents = map(doc, fields);
  return doc;
}
