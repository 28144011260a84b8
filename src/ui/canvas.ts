/**
 * Size a canvas's backing store for `cssW × cssH` CSS pixels at the device's pixel ratio, and return
 * the ratio. Resizing a canvas reallocates (and clears) its backing store: only when the size changed.
 */
export function fitCanvas(canvas: HTMLCanvasElement, cssW: number, cssH: number): number {
  const ratio = typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
  const w = Math.round(cssW * ratio);
  const h = Math.round(cssH * ratio);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return ratio;
}
