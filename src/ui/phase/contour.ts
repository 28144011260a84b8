/** A probability map's 50 % contour and its uncertainty band, in the plot's pixels (y grows downwards, yi upwards). */
import { straddlesHalf, wilson } from '../../sim/format';
import type { ProbabilityCells } from '../../state/index';

const side = (p: ProbabilityCells, c: number): boolean | null => (p.n[c]! === 0 ? null : p.stuck[c]! / p.n[c]! >= 0.5);

/**
 * The 50 % contour as an SVG path: a segment on every edge between two neighbouring cells whose shares of stuck seeds
 * lie on either side of 50 % (cells without seeds yet draw none).
 */
export function contourPath(p: ProbabilityCells, nx: number, ny: number, cellW: number, cellH: number): string {
  const parts: string[] = [];
  const f = (v: number) => v.toFixed(1);
  for (let xi = 0; xi < nx; xi++) {
    for (let yi = 0; yi < ny; yi++) {
      const c = xi * ny + yi;
      const a = side(p, c);
      if (a === null) continue;
      const top = (ny - 1 - yi) * cellH;
      if (xi + 1 < nx) {
        const b = side(p, c + ny);
        if (b !== null && b !== a) parts.push(`M${f((xi + 1) * cellW)},${f(top)}V${f(top + cellH)}`);
      }
      if (yi + 1 < ny) {
        const b = side(p, c + 1);
        if (b !== null && b !== a) parts.push(`M${f(xi * cellW)},${f(top)}H${f((xi + 1) * cellW)}`);
      }
    }
  }
  return parts.join('');
}

/** Cells with seeds whose Wilson 95 % interval still holds 50 %: the contour's uncertainty band. */
export function straddlingCells(p: ProbabilityCells): number[] {
  const out: number[] = [];
  for (let c = 0; c < p.n.length; c++) if (p.n[c]! > 0 && straddlesHalf(wilson(p.stuck[c]!, p.n[c]!))) out.push(c);
  return out;
}
