/**
 * The locales an organisation may write its dates in: one for the whole app, chosen by its admin, so every
 * member reads and types a date the same way whatever their browser says.
 */
export const LOCALES = ['en-GB', 'en-US', 'en-CA', 'en-AU', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL'] as const;
export type Locale = (typeof LOCALES)[number];

/** An organisation that has not chosen writes dates day first (2 January 2026 is 02/01/2026). */
export const DEFAULT_LOCALE: Locale = 'en-GB';

/** Each locale by the language and country people choose it by. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  'en-GB': 'English (United Kingdom)',
  'en-US': 'English (United States)',
  'en-CA': 'English (Canada)',
  'en-AU': 'English (Australia)',
  'de-DE': 'German (Germany)',
  'fr-FR': 'French (France)',
  'es-ES': 'Spanish (Spain)',
  'it-IT': 'Italian (Italy)',
  'nl-NL': 'Dutch (Netherlands)',
};

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
