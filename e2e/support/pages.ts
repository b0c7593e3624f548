/**
 * What the browser tests look for on each page, by accessible role and name only (what a screen reader user
 * hears), in one place: when a page changes its words, this file changes, not every test.
 */
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './server.js';
import { DEFAULT_LOCALE } from '../../src/domain/locales.js';

/** Buttons that change something; a viewer's pages have none of them. */
export const EDIT_BUTTON = /^(add|edit|save|delete|remove|revoke|create|record|mark|make|change|upload|import|new|discard)\b/i;

export async function signInThroughForm(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The dashboard's opinion card: a section headed "Opinion forecast". */
export function opinionCard(page: Page): Locator {
  return page.getByRole('region', { name: 'Opinion forecast' });
}

/** The forecast's overall opinion as shown: its badge is labelled "Forecast opinion: <opinion>". */
export function overallOpinion(page: Page): Locator {
  return opinionCard(page).getByLabel(/^Forecast opinion/);
}

export async function readOpinion(page: Page): Promise<string> {
  const badge = overallOpinion(page);
  await badge.waitFor();
  return ((await badge.textContent()) ?? '').trim().toLowerCase();
}

export function main(page: Page): Locator {
  return page.getByRole('main');
}

/** The control's conclusion as the control page shows it: a badge labelled "Conclusion: <conclusion>". */
export async function readConclusion(page: Page): Promise<string> {
  const badge = main(page).getByLabel(/^Conclusion: /);
  await badge.waitFor();
  return ((await badge.getAttribute('aria-label')) ?? '').replace(/^Conclusion: /, '').trim().toLowerCase();
}

/**
 * Whether the control page lets this person change the test's population size (the organisation's evidence):
 * a field labelled "Population size" on the page or in the "Edit test" dialog, enabled.
 */
export async function mayChangePopulation(page: Page): Promise<boolean> {
  const onPage = main(page).getByRole('textbox', { name: /population size/i });
  if ((await onPage.count()) > 0) return (await editableCount(onPage)) > 0;
  const edit = main(page).getByRole('button', { name: /^edit test$/i });
  if ((await edit.count()) === 0) return false;
  await edit.click();
  const dialog = page.getByRole('dialog');
  const field = dialog.getByRole('textbox', { name: /population size/i });
  await field.waitFor();
  const editable = (await editableCount(field)) > 0;
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  return editable;
}

/** The control page's samples: a table labelled "Samples", one row per sample item. */
export function samplesTable(page: Page): Locator {
  return main(page).getByRole('table', { name: 'Samples' });
}

export function sampleRow(page: Page, item: string): Locator {
  return samplesTable(page).getByRole('row').filter({ hasText: item });
}

/**
 * Sets a sample's result with the row's control labelled "Result": a select (Mantine's combobox or a native
 * one) or a segmented control (radio buttons named pass / fail). A recorded result changes only with a reason
 * (and a fail with a note saying what deviated), typed into the dialog the change opens.
 */
export async function setSampleResult(page: Page, item: string, result: 'pass' | 'fail', change: { note: string; reason: string }): Promise<void> {
  const row = sampleRow(page, item);
  await row.waitFor();
  const radio = row.getByRole('radio', { name: new RegExp(`^${result}$`, 'i') });
  if ((await radio.count()) > 0) {
    // A segmented control hides its radio inputs behind their labels: click the label.
    await row.getByText(new RegExp(`^${result}$`, 'i')).click();
    await giveReason(page, item, result, change);
    return;
  }
  const control = row.getByLabel(/Result/i).first();
  const tag = await control.evaluate((element) => element.tagName.toLowerCase());
  if (tag === 'select') {
    await control.selectOption({ label: result });
    return;
  }
  await control.click();
  await page.getByRole('option', { name: new RegExp(`^${result}$`, 'i') }).click();
  await giveReason(page, item, result, change);
}

/** The dialog a changed result opens: its note and reason, then the change confirmed. */
async function giveReason(page: Page, item: string, result: 'pass' | 'fail', change: { note: string; reason: string }): Promise<void> {
  const dialog = page.getByRole('dialog', { name: `Change the result of ${item}` });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: /^Note/ }).fill(change.note);
  await dialog.getByRole('textbox', { name: /^Reason for the change/ }).fill(change.reason);
  await dialog.getByRole('button', { name: `Change to ${result}` }).click();
}

/** The finding's status as its header badge says it ("Status: closed" → "closed"). */
export async function readFindingStatus(page: Page): Promise<string> {
  const badge = main(page).getByLabel(/^Status: /).first();
  await badge.waitFor();
  return ((await badge.getAttribute('aria-label')) ?? '').replace(/^Status: /, '');
}

/** Takes a finding's lifecycle step with its button, and waits until the finding reads the new status. */
export async function takeFindingStep(page: Page, button: string, status: string): Promise<void> {
  await main(page).getByRole('region', { name: 'Lifecycle' }).getByRole('button', { name: button }).click();
  await expect.poll(() => readFindingStatus(page), { timeout: 15_000, interval: 200 }).toBe(status);
}

/**
 * On a finding's page: adds a corrective action with its owner and due date ("Add an action"), then marks it done
 * on the day given with its evidence ("Edit CA-n"), each through its dialog.
 */
export async function addDoneAction(
  page: Page,
  action: { id: string; title: string; owner: string; due: string; completedOn: string; evidence: string },
): Promise<void> {
  const actions = main(page).getByRole('region', { name: 'Corrective actions' });
  await actions.getByRole('button', { name: 'Add an action' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a corrective action' });
  await dialog.getByRole('textbox', { name: /^Title/ }).fill(action.title);
  await dialog.getByRole('combobox', { name: /^Owner/ }).fill(action.owner);
  await dialog.getByLabel(/^Due/).fill(action.due);
  await dialog.getByRole('button', { name: 'Save the action' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await actions.getByRole('button', { name: `Edit ${action.id}` }).click();
  dialog = page.getByRole('dialog', { name: `Edit ${action.id}` });
  await dialog.getByRole('combobox', { name: /^Status/ }).click();
  await page.getByRole('option', { name: 'done', exact: true }).click();
  await dialog.getByLabel(/^Completed on/).fill(action.completedOn);
  await dialog.getByRole('textbox', { name: /^Evidence of completion/ }).fill(action.evidence);
  await dialog.getByRole('button', { name: 'Save the action' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The control page's samples not yet tested: a table labelled "Samples not yet tested", one row per item. */
export function untestedTable(page: Page): Locator {
  return main(page).getByRole('table', { name: 'Samples not yet tested' });
}

/** How many of these elements a person could change (not disabled, not read-only). */
export async function editableCount(locator: Locator): Promise<number> {
  return locator.evaluateAll(
    (elements) =>
      elements.filter(
        (element) =>
          !element.matches(':disabled') &&
          !(element as { readOnly?: boolean }).readOnly &&
          element.getAttribute('aria-disabled') !== 'true' &&
          element.getAttribute('aria-readonly') !== 'true',
      ).length,
  );
}

/** The accessible names of the buttons in the page's main area that change something. */
export async function editButtons(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const button of await main(page).getByRole('button').all()) {
    const name = ((await button.getAttribute('aria-label')) ?? (await button.innerText())).trim();
    if (EDIT_BUTTON.test(name) && (await button.isVisible())) names.push(name);
  }
  return names;
}

/** A request outside the page, with the session's cookie and CSRF token (as a script in the page could send). */
export async function callApi(
  request: APIRequestContext,
  csrfToken: string,
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await request.fetch(url, {
    method,
    headers: { 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { data: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status(), body: text ? (JSON.parse(text) as unknown) : null };
}

/**
 * A calendar date (`2026-06-30`) as the app writes it (web/src/dates.ts): medium style, in the organisation's
 * locale, whatever the browser's (the demo organisation keeps the default).
 */
export function appDate(iso: string, locale: string = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
}

/** Every page of an engagement, by its address under the engagement's root and what shows once its data is there. */
export const ENGAGEMENT_PAGES: { name: string; path: string; ready: (page: Page) => Locator }[] = [
  { name: 'dashboard', path: '', ready: (page) => overallOpinion(page) },
  { name: 'criteria', path: '/criteria', ready: (page) => main(page).getByRole('table').first().getByText('CC6.2') },
  { name: 'controls', path: '/controls', ready: (page) => main(page).getByText('AC-04', { exact: false }) },
  { name: 'control-AC-04', path: '/controls/AC-04', ready: (page) => samplesTable(page) },
  { name: 'sampling', path: '/sampling', ready: (page) => main(page).getByRole('heading', { level: 1 }) },
  { name: 'findings', path: '/findings', ready: (page) => main(page).getByRole('link', { name: 'F-AC-04' }) },
  {
    name: 'finding-F-AC-04',
    path: '/findings/F-AC-04',
    ready: (page) => main(page).getByRole('region', { name: 'Corrective actions' }).getByText('CA-2', { exact: false }),
  },
  { name: 'root-causes', path: '/root-causes', ready: (page) => main(page).getByText('RC-01', { exact: false }) },
  { name: 'remediation', path: '/remediation', ready: (page) => main(page).getByText('CA-1', { exact: false }) },
  { name: 'monitoring', path: '/checks', ready: (page) => main(page).getByRole('region', { name: /^MON-AC-04: / }) },
  { name: 'evidence', path: '/evidence', ready: (page) => main(page).getByRole('region', { name: 'Evidence files' }) },
  { name: 'evidence-requests', path: '/evidence-requests', ready: (page) => main(page).getByRole('heading', { name: 'Evidence requests' }) },
  { name: 'coverage', path: '/coverage', ready: (page) => main(page).getByRole('region', { name: 'GOV-01 coverage' }) },
  { name: 'coverage-GOV-01', path: '/coverage/GOV-01', ready: (page) => main(page).getByRole('article', { name: 'Occurrence 2026-Q1' }) },
  { name: 'reports', path: '/reports', ready: (page) => main(page).getByRole('heading', { name: 'Reports' }) },
  { name: 'periods', path: '/periods', ready: (page) => main(page).getByRole('heading', { level: 1 }) },
  { name: 'settings', path: '/settings', ready: (page) => main(page).getByLabel(/^Engagement name/) },
  { name: 'settings-members', path: '/settings?tab=members', ready: (page) => main(page).getByRole('table').first() },
  { name: 'settings-tokens', path: '/settings?tab=tokens', ready: (page) => main(page).getByRole('heading', { level: 1 }) },
  { name: 'settings-archived', path: '/settings?tab=archived', ready: (page) => main(page).getByRole('tabpanel') },
  { name: 'settings-organisation', path: '/settings?tab=organization', ready: (page) => main(page).getByLabel(/^Dates/) },
];

/** The browser APIs the in-page functions below read (e2e code is type-checked without the DOM library). */
interface InPageElement {
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
  tagName: string;
}
interface InPageDocument {
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): Iterable<InPageElement>;
}

/** How far the page is wider than the screen, in CSS pixels (0: nothing sticks out sideways). */
export async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as { document: InPageDocument; innerWidth: number };
    return Math.max(0, document.documentElement.scrollWidth - innerWidth);
  });
}

/**
 * Words cut on screen: a heading, a badge's label or a switcher whose text is wider than its box (an ellipsis, or
 * text clipped by `overflow: hidden`), each as its text. Empty when every word shows whole.
 */
export async function cutWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as { document: InPageDocument };
    const cut: string[] = [];
    for (const element of document.querySelectorAll('h1, h2, h3, h4, .mantine-Badge-label, .mantine-Badge-root, button[aria-label="Engagement"], th')) {
      // An inline element has no box of its own (clientWidth 0): its block holds the text.
      if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) cut.push(`${element.tagName}: ${(element.textContent ?? '').trim()}`);
    }
    return cut;
  });
}
