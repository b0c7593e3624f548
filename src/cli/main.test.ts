import { describe, expect, it, vi } from 'vitest';
import { runCli } from './testing.js';

// Loading any of these would mean `assay examine` pays for the server, its database drivers and its services.
vi.mock('../server/app.js', () => {
  throw new Error('the server was loaded');
});
vi.mock('../services/index.js', () => {
  throw new Error('the services were loaded');
});
vi.mock('../store/database.js', () => {
  throw new Error('the database was loaded');
});

describe('the assay command line', () => {
  it('loads only the command it runs: examine without the server, the services or the database', async () => {
    const { code, stdout, stderr } = await runCli('examine', 'examples/acme', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ organization: expect.any(String) as string });
  });
});
