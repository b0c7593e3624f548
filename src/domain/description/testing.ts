/** Factories for the description's tests: a complete description, which warns of nothing. */
import type { SystemDescription } from './model.js';

export function buildDescription(overrides: Partial<SystemDescription> = {}): SystemDescription {
  return {
    services: 'Hosted analytics for retailers',
    commitments: ['99.9% monthly availability', 'Customer data encrypted in transit and at rest'],
    components: {
      infrastructure: 'AWS eu-west-1, three availability zones',
      software: 'Web application, ingestion pipeline, PostgreSQL',
      people: 'Engineering, operations and security teams',
      procedures: 'Change management, access management, incident response',
      data: 'Customer sales records and user accounts',
    },
    incidents: [],
    changes: [],
    subserviceOrganizations: [
      { name: 'Amazon Web Services', services: 'Hosting', method: 'carve_out', csocs: [{ text: 'Physical access to data centres is restricted', criteria: ['CC6.4'] }] },
    ],
    userEntityControls: [{ text: 'Customers remove access of their leavers', criteria: ['CC6.2'] }],
    ...overrides,
  };
}
