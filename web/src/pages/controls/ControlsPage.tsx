/** Placeholder until the page is built. */
export function ControlsPage() {
  return <p>ControlsPage</p>;
}
