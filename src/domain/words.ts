/**
 * Articles and plurals, so that every sentence the app builds from a value or a number reads right:
 * "an adverse opinion", "1 sample", "3 criteria". English only, like the rest of the app's words.
 */

/** Nouns the app counts whose plural is not the regular one. */
const IRREGULAR: Readonly<Record<string, string>> = {
  criterion: 'criteria',
  person: 'people',
  analysis: 'analyses',
};

/** Words that start with a vowel letter but a consonant sound ("a user", "a one-off"), or the reverse ("an hour"). */
const CONSONANT_SOUND = /^(u[nr]i(?!nt)|us[eiu]|one\b|eu)/i;
const VOWEL_SOUND = /^(hour|honest|honou?r)/i;

/** The plural of an English noun (of the last word of a phrase: "corrective action" → "corrective actions"). */
export function pluralOf(noun: string): string {
  const lastSpace = noun.lastIndexOf(' ');
  const head = noun.slice(0, lastSpace + 1);
  const word = noun.slice(lastSpace + 1);
  const irregular = IRREGULAR[word.toLowerCase()];
  if (irregular) return head + irregular;
  if (/[^aeiou]y$/i.test(word)) return `${head}${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${head}${word}es`;
  return `${head}${word}s`;
}

/** A count with its noun in the right number: `counted(1, 'sample')` → "1 sample", `counted(3, 'criterion')` → "3 criteria". */
export function counted(count: number, noun: string, plural: string = pluralOf(noun)): string {
  return `${count.toLocaleString('en')} ${count === 1 ? noun : plural}`;
}

/** The noun alone in the number a count asks for: `nounFor(2, 'finding')` → "findings". */
export function nounFor(count: number, noun: string, plural: string = pluralOf(noun)): string {
  return count === 1 ? noun : plural;
}

/** "a" or "an" for the phrase that follows, by its sound: "an adverse", "a qualified", "an unmodified", "a user". */
export function articleFor(phrase: string): 'a' | 'an' {
  const word = phrase.trim();
  if (VOWEL_SOUND.test(word)) return 'an';
  if (CONSONANT_SOUND.test(word)) return 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** The phrase with its indefinite article: `withArticle('adverse opinion')` → "an adverse opinion". */
export function withArticle(phrase: string): string {
  return `${articleFor(phrase)} ${phrase}`;
}
