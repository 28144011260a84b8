/** The phase map (issue #6): placeholder until the view lands. */
export function PhaseMapView() {
  return <main className="phase-map" aria-label="Phase map" />;
}
