/** The demo's risk register and vendors, so that the Risks and Vendors pages show something on first sight: examples/acme's `risks/` and `vendors/`. */
import type { RiskInput } from '../risks/index.js';
import type { VendorInput, VendorReportInput } from '../vendors/index.js';

export interface DemoRegister {
  risks: readonly RiskInput[];
  vendors: readonly { vendor: VendorInput; reports: readonly VendorReportInput[] }[];
}
