import { useEffect, useRef, useState } from 'react';
import { chartInk, colourOf } from '../viz/index';
import { formatCount } from './format';
import { useLab, useLabStore } from './LabContext';
import { useWidth } from './useWidth';

/** Widest and narrowest drawing, CSS pixels: the sketch is laid out for the panel's width, never scaled down. */
const MAX_W = 640;
const MIN_W = 260;
const H = 150;
const QUEUE_DOTS = 120;
/** Labels are drawn at this size whatever the panel's width. */
const FONT_PX = 13;
/** The band the dots move in: between the labels on top and the key at the bottom, which they never cross. */
const LANE_TOP = 28;
const LANE_BOTTOM = H - 24;
const KINDS = ['arrival', 'retry', 'timeout'] as const;

/** Where each part of the sketch goes for a drawing `w` pixels wide. */
function flowLayout(w: number) {
  const slotsX = w - 10 * 12 - 4;
  const queueX = Math.round(w * 0.34);
  return { slotsX, queueX, queueCols: Math.max(5, Math.floor((slotsX - queueX - 12) / 6)) };
}

interface Dot {
  x: number;
  y: number;
  vx: number;
  vy: number;
  kind: (typeof KINDS)[number];
  life: number;
}

/** `format` of a count rounded to a whole number, formatted again only when that number changes. */
function countLabel(format: (n: number) => string): (n: number) => string {
  let shown = NaN;
  let text = '';
  return (n) => {
    const whole = Math.round(n);
    if (whole !== shown) {
      shown = whole;
      text = format(whole);
    }
    return text;
  };
}

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** An animated sketch of the latest second: first attempts entering, retries coming back, timeouts leaving, the queue and the busy slots. */
export function RequestFlow() {
  const show = useLab((s) => s.showFlow);
  const setShow = useLab((s) => s.setShowFlow);
  const [reduced] = useState(prefersReducedMotion);
  return (
    <section className="panel flow" aria-labelledby="flow-heading">
      <div className="flow-head">
        <h2 id="flow-heading">Request flow</h2>
        <label className="toggle-inline">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} /> Show
        </label>
      </div>
      {show && <FlowCanvas animate={!reduced} />}
      {show && reduced && <p className="hint">Reduced motion is on: the flow is drawn still.</p>}
    </section>
  );
}

function FlowCanvas({ animate }: { animate: boolean }) {
  const store = useLabStore();
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useLab((s) => s.theme);
  const [box, boxWidth] = useWidth(MAX_W);
  const W = Math.max(MIN_W, Math.min(MAX_W, boxWidth));
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d') ?? null;
    if (canvas === null || ctx === null) return;
    const { slotsX, queueX, queueCols } = flowLayout(W);
    const ratio = window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
    canvas.width = W * ratio;
    canvas.height = H * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const dots: Dot[] = [];
    let drawnStill: string | null = null;
    // The counts change a few times a second, the picture every frame: format them only when they change.
    const queueText = countLabel((n) => `queue: ${formatCount(n)}`);
    const moreText = countLabel((n) => `+${formatCount(n)} more`);
    let raf = 0;
    let onScreen = true;
    let last = performance.now();
    const ink = chartInk(theme);
    const colour = { arrival: colourOf(theme, 'blue'), retry: colourOf(theme, 'vermillion'), timeout: colourOf(theme, 'grey') };
    const draw = (now: number) => {
      const dt = Math.min(0.1, (now - last) / 1000);
      last = now;
      const s = store.getState();
      const i = s.series.length - 1;
      const playing = s.playing && !s.done;
      const offered = i >= 0 ? s.series.at('offered', i) : 0;
      const attempts = i >= 0 ? s.series.at('attempts', i) : 0;
      const timedOut = i >= 0 ? s.series.at('timedOut', i) : 0;
      const queue = s.live?.queue ?? 0;
      const busy = s.live?.inService ?? 0;
      const slots = s.live?.slots ?? 0;
      // One dot stands for about 1/40 of the per-second rate, so the picture reads the same at any load.
      const spawn = (rate: number, kind: Dot['kind'], x: number, y: number, vx: number, vy: number) => {
        if (!playing || !animate || !(rate > 0)) return;
        const n = Math.min(4, (rate / 40) * dt * 8);
        for (let k = 0; k < Math.floor(n) + (Math.random() < n % 1 ? 1 : 0); k++) dots.push({ x, y: y + (Math.random() - 0.5) * 10, vx, vy, kind, life: 2 });
      };
      // Clients to the queue take a third of the width whatever it is, at the speed that crosses it in about a second.
      const speed = queueX * 0.9;
      spawn(offered, 'arrival', 10, 60, speed, 0);
      spawn(Math.max(0, attempts - offered), 'retry', 10, 95, speed, -20);
      spawn(timedOut, 'timeout', queueX + 30, 60, 30, 70);

      // Paused with no dots in flight, the picture only changes with the counts: no redraw until they do.
      const still = `${Math.round(queue)} ${Math.round(busy)} ${slots}`;
      if (dots.length === 0 && still === drawnStill) {
        if (animate && onScreen) raf = requestAnimationFrame(draw);
        return;
      }
      drawnStill = dots.length === 0 ? still : null;
      ctx.clearRect(0, 0, W, H);
      ctx.fillStyle = ink.text;
      ctx.font = `${FONT_PX}px system-ui, sans-serif`;
      ctx.fillText('clients', 8, 18);
      ctx.fillText(queueText(queue), queueX, 18);
      ctx.fillText(`slots: ${Math.round(busy)} / ${Number.isFinite(slots) ? slots : '∞'} busy`, slotsX, 18);
      // Queue: one dot per waiting request, up to a limit, so a long queue costs no more to draw than a short one.
      // Shapes of one colour go into one path and one fill: this runs every animation frame.
      const shown = Math.min(QUEUE_DOTS, Math.round(queue));
      ctx.fillStyle = colour.arrival;
      ctx.beginPath();
      for (let k = 0; k < shown; k++) ctx.rect(queueX + (k % queueCols) * 6, 32 + Math.floor(k / queueCols) * 6, 4, 4);
      ctx.fill();
      if (queue > QUEUE_DOTS) ctx.fillText(moreText(queue - QUEUE_DOTS), queueX, 32 + Math.ceil(QUEUE_DOTS / queueCols) * 6 + FONT_PX);
      // Slots.
      const total = Number.isFinite(slots) ? Math.min(60, slots) : 60;
      ctx.strokeStyle = ink.text;
      ctx.beginPath();
      for (let k = 0; k < total; k++) ctx.rect(slotsX + (k % 10) * 12, 32 + Math.floor(k / 10) * 12, 9, 9);
      ctx.stroke();
      ctx.fillStyle = colourOf(theme, 'orange');
      ctx.beginPath();
      for (let k = 0; k < Math.min(total, busy); k++) ctx.rect(slotsX + 1 + (k % 10) * 12, 33 + Math.floor(k / 10) * 12, 7, 7);
      ctx.fill();
      // The dots stay in their lane: clipped to it, and dropped once they leave it.
      ctx.save();
      ctx.beginPath();
      ctx.rect(0, LANE_TOP, slotsX - 4, LANE_BOTTOM - LANE_TOP);
      ctx.clip();
      for (const d of dots) {
        d.x += d.vx * dt;
        d.y += d.vy * dt;
        d.life -= dt;
      }
      for (const kind of KINDS) {
        ctx.fillStyle = colour[kind];
        ctx.beginPath();
        for (const d of dots) {
          if (d.kind !== kind) continue;
          ctx.moveTo(d.x + 2.5, d.y);
          ctx.arc(d.x, d.y, 2.5, 0, Math.PI * 2);
        }
        ctx.fill();
      }
      ctx.restore();
      let kept = 0;
      for (const d of dots) if (!(d.life <= 0 || d.y > LANE_BOTTOM + 3 || d.x > slotsX - 4 || (d.kind !== 'timeout' && d.x > queueX - 2))) dots[kept++] = d;
      dots.length = kept;
      const key: [Dot['kind'], string][] = [
        ['arrival', '● first attempts'],
        ['retry', '● retries'],
        ['timeout', '● timed out'],
      ];
      let keyX = 8;
      for (const [kind, text] of key) {
        ctx.fillStyle = colour[kind];
        ctx.fillText(text, keyX, H - 8);
        keyX += ctx.measureText(text).width + 14;
      }
      if (animate && onScreen) raf = requestAnimationFrame(draw);
    };
    // Scrolled out of view, the sketch is not drawn at all: every frame it draws costs the page a paint and a
    // commit, which on a slow machine is much of the frame the charts need.
    const watcher =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => {
            const visible = entries.some((e) => e.isIntersecting);
            if (visible === onScreen) return;
            onScreen = visible;
            cancelAnimationFrame(raf);
            if (!visible) return;
            last = performance.now();
            if (animate) raf = requestAnimationFrame(draw);
            else draw(last);
          })
        : null;
    watcher?.observe(canvas);
    let unsubscribe = () => {};
    if (animate) raf = requestAnimationFrame(draw);
    else {
      draw(performance.now());
      unsubscribe = store.subscribe(() => {
        if (onScreen) draw(performance.now());
      });
    }
    return () => {
      cancelAnimationFrame(raf);
      unsubscribe();
      watcher?.disconnect();
    };
  }, [store, animate, theme, W]);
  return (
    <div ref={box} className="flow-box">
      <canvas
        ref={ref}
        className="flow-canvas"
        style={{ width: W, height: H }}
        data-width={W}
        data-font-px={FONT_PX}
        role="img"
        aria-label="Requests entering the queue, occupying slots, timing out and coming back as retries"
      />
    </div>
  );
}
