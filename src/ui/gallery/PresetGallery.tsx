/** The preset gallery (issue #5): placeholder until the gallery lands. */
export function PresetGallery() {
  return <main className="gallery" aria-label="Presets" />;
}
