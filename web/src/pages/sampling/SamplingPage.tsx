/** Placeholder until the page is built. */
export function SamplingPage() {
  return <p>SamplingPage</p>;
}
