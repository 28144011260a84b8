import type { Theme } from '../../viz/index';
import { chartInk, colourOf } from '../../viz/index';

export interface ThumbnailData {
  durationS: number;
  offered: number[];
  goodput: number[];
  bad: number[];
  triggers: [number, number][];
}

const W = 240;
const H = 64;

function path(values: readonly number[], top: number): string {
  const n = values.length;
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${((i / Math.max(1, n - 1)) * W).toFixed(1)},${(H - 4 - (v / top) * (H - 10)).toFixed(1)}`).join('');
}

/** A preset's signature: offered load (dashed) and goodput over the whole run, triggers shaded, bad stretches marked below. */
export function Thumbnail({ data, theme, label }: { data: ThumbnailData; theme: Theme; label: string }) {
  const ink = chartInk(theme);
  const top = Math.max(1, ...data.offered, ...data.goodput);
  const x = (t: number) => (t / Math.max(1, data.durationS)) * W;
  const n = data.bad.length;
  return (
    <svg className="thumbnail" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      {data.triggers.map(([from, to], i) => (
        <rect key={i} x={x(from)} width={Math.max(2, x(to) - x(from))} y={0} height={H - 3} fill={ink.trigger} />
      ))}
      {data.bad.map((b, i) => (b > 0.5 ? <rect key={`b${i}`} x={(i / n) * W} width={W / n + 0.5} y={H - 3} height={3} fill={ink.bad} /> : null))}
      <path d={path(data.offered, top)} fill="none" stroke={colourOf(theme, 'blue')} strokeWidth={1.5} strokeDasharray="4 2" />
      <path d={path(data.goodput, top)} fill="none" stroke={colourOf(theme, 'green')} strokeWidth={2} />
    </svg>
  );
}
