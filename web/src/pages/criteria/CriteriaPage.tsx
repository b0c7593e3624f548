/** Placeholder until the page is built. */
export function CriteriaPage() {
  return <p>CriteriaPage</p>;
}
