// The API's documentation page (Swagger UI) under the server's Content Security Policy: it renders the API's
// operations, and the browser reports no script or style the policy blocked.
import { expect, it } from 'vitest';
import { describeE2E } from './support/suite.js';

describeE2E('API documentation', (e2e) => {
  it('renders the operations with nothing blocked by the Content Security Policy', async () => {
    const page = await (await e2e().newContext()).newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    page.on('pageerror', (error) => blocked.push(error.message));
    const response = await page.goto('/api/docs');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: /Assay API/ }).waitFor();
    await page.getByText('/api/v1/auth/login', { exact: false }).first().waitFor();
    expect(blocked).toEqual([]);
  });
});
