/** Placeholder until the page is built. */
export function ControlPage() {
  return <p>ControlPage</p>;
}
