import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limitedText, textLimit } from './text-limit.js';

const WEB = join(import.meta.dirname, '..');

/**
 * Text fields whose text the API never takes as it is typed, so no contract limit applies: a filter the page
 * applies itself, the population pasted to sample from (it stays in the browser), the seed (published, never
 * sent), a list of references the API limits one by one, and the date field's text (the API gets the date).
 */
const NO_API_LIMIT = new Set([
  'pages/criteria/CriteriaFilters.tsx: Search',
  'pages/sampling/PopulationSection.tsx: Population (CSV)',
  'pages/sampling/SeedSection.tsx: Seed',
  'pages/findings/CorrectiveActionsCard.tsx: Evidence of completion',
  'components/DateField.tsx: ',
]);

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.tsx') && !entry.name.includes('.test.') ? [path] : [];
  });
}

/** Each text input element written in the app: its file, its label, and the element's own text. */
function textFields(): { where: string; element: string }[] {
  return sources(WEB).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const found: { where: string; element: string }[] = [];
    for (const match of text.matchAll(/<(TextInput|Textarea|Autocomplete|PasswordInput)\b/g)) {
      // The element runs to the `>` that closes its tag, outside every `{…}` of its attributes.
      let depth = 0;
      let end = match.index;
      for (; end < text.length; end++) {
        const c = text[end];
        if (c === '{') depth++;
        else if (c === '}') depth--;
        else if (c === '>' && depth === 0 && text[end - 1] !== '=') break;
      }
      const element = text.slice(match.index, end + 1);
      const label = /\blabel="([^"]*)"/.exec(element)?.[1] ?? '';
      found.push({ where: `${relative(WEB, path)}: ${label}`, element });
    }
    return found;
  });
}

describe('text limits', () => {
  it('finds the text fields of the pages', () => {
    expect(textFields().length).toBeGreaterThan(40);
  });

  it('gives every text field whose API field has a limit that limit before it is reached, named by one of the shared limits', () => {
    const MAX = /(limitedText|textLimit)\([^)]*\bMAX_[A-Z_]+_LENGTH\)/;
    const missing = textFields()
      .filter(({ where, element }) => !NO_API_LIMIT.has(where) && !/\breadOnly\b(?!=)/.test(element) && !/\{\.\.\.props\.(password|confirmation)\}/.test(element))
      .filter(({ element }) => !MAX.test(element))
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });

  it('counts the characters once the text is near the limit, and stops the browser at it', () => {
    expect(textLimit('a'.repeat(10), 100)).toEqual({ maxLength: 100 });
    expect(textLimit('a'.repeat(80), 100)).toEqual({ maxLength: 100, description: '80 of at most 100 characters' });
    const form = { getInputProps: (path: string) => ({ value: path === 'title' ? 'a'.repeat(90) : '', onChange: () => undefined }) };
    expect(limitedText(form, 'title', 100)).toMatchObject({ value: 'a'.repeat(90), maxLength: 100, description: '90 of at most 100 characters' });
    expect(limitedText(form, 'note', 100)).toMatchObject({ maxLength: 100 });
  });
});
