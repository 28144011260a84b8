/** The compare view (issue #6): placeholder until the view lands. */
export function CompareView() {
  return <main className="compare" aria-label="Compare" />;
}
