/**
 * What the browser tests look for on each page, by accessible role and name only (what a screen reader user
 * hears), in one place: when a page changes its words, this file changes, not every test.
 */
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server.js';

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

/** A calendar date (`2026-06-30`) as the app writes it (web/src/dates.ts): medium style, in the page's own locale. */
export async function appDate(page: Page, iso: string): Promise<string> {
  const locale = await page.evaluate(() => (globalThis as { navigator?: { language: string } }).navigator?.language);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
}

/** The browser APIs `overflow` reads in the page (the tests are type-checked without the DOM library). */
interface InPage {
  document: { documentElement: { scrollWidth: number } };
  innerWidth: number;
}

/** How far the page is wider than the screen, in CSS pixels (0: nothing sticks out sideways). */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as InPage;
    return Math.max(0, document.documentElement.scrollWidth - innerWidth);
  });
}
