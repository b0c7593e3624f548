/** An organisation's short name, as the API accepts it and the setup page proposes it. */

/** `Acme Cloud, Inc.` → `acme-cloud-inc`: letters without accents, digits and single dashes. */
export function slugFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug.length >= 2 ? slug : `organization${slug ? `-${slug}` : ''}`;
}
