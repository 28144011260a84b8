/**
 * A WebM clip of the run's load chart, drawn frame by frame from the run's series (not a capture of the screen) and
 * encoded with WebCodecs: frame i shows the run up to from + i / fps × speed and carries the timestamp i / fps, so the
 * clip lasts exactly frames / fps seconds however fast the machine draws.
 */
import { muxWebm, type WebmFrame } from '../../links/index';
import type { RunResult } from '../../sim/format';
import { chartInk } from '../../viz/index';

export interface ClipRange {
  fromS: number;
  toS: number;
  fps: number;
  /** Simulated seconds per second of video. */
  speed: number;
}

export interface ClipMark {
  from: number;
  to?: number;
  label: string;
}

export const CLIP_WIDTH = 960;
export const CLIP_HEIGHT = 540;
export const MAX_CLIP_FRAMES = 3600;
const CODEC = 'vp8';

/** Frames a range makes: its simulated length at `speed`, times the frame rate. */
export function clipFrames(r: ClipRange): number {
  return Math.max(1, Math.round(((r.toS - r.fromS) / r.speed) * r.fps));
}

/** Why this browser cannot make a clip, or null when it can. */
export async function clipUnsupported(): Promise<string | null> {
  if (typeof VideoEncoder === 'undefined' || typeof VideoFrame === 'undefined') return 'This browser cannot encode WebM video (no WebCodecs VideoEncoder).';
  try {
    const { supported } = await VideoEncoder.isConfigSupported({ codec: CODEC, width: CLIP_WIDTH, height: CLIP_HEIGHT });
    return supported === true ? null : 'This browser cannot encode VP8 video, so it cannot make a WebM clip.';
  } catch {
    return 'This browser cannot encode WebM video.';
  }
}

const LINES: readonly { name: 'offered' | 'throughput' | 'goodput'; colour: string; dash: number[] }[] = [
  { name: 'offered', colour: '#0072B2', dash: [8, 6] },
  { name: 'throughput', colour: '#CC79A7', dash: [2, 4] },
  { name: 'goodput', colour: '#009E73', dash: [] },
];

/** Draw the load chart of `result` from `r.fromS` up to `nowS` on the clip's canvas. */
function drawFrame(ctx: CanvasRenderingContext2D, result: RunResult, r: ClipRange, nowS: number, title: string, mark: ClipMark | null, theme: 'light' | 'dark'): void {
  const ink = chartInk(theme);
  const S = result.series;
  const [left, right, top, bottom] = [70, CLIP_WIDTH - 20, 70, CLIP_HEIGHT - 50];
  ctx.fillStyle = theme === 'dark' ? '#111318' : '#ffffff';
  ctx.fillRect(0, 0, CLIP_WIDTH, CLIP_HEIGHT);
  let max = 1;
  for (let i = 0; i < S.t.length; i++) if (S.t[i]! >= r.fromS && S.t[i]! <= r.toS) for (const l of LINES) max = Math.max(max, S[l.name][i] ?? 0);
  max *= 1.1;
  const x = (t: number) => left + ((t - r.fromS) / (r.toS - r.fromS)) * (right - left);
  const y = (v: number) => bottom - (v / max) * (bottom - top);
  ctx.strokeStyle = ink.grid;
  ctx.fillStyle = ink.text;
  ctx.font = '16px sans-serif';
  ctx.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const v = (max / 4) * k;
    ctx.beginPath();
    ctx.moveTo(left, y(v));
    ctx.lineTo(right, y(v));
    ctx.stroke();
    ctx.fillText(`${Math.round(v)}/s`, 8, y(v) + 5);
  }
  if (mark !== null) {
    ctx.fillStyle = 'rgba(31, 95, 191, 0.15)';
    const x0 = x(mark.from);
    const x1 = mark.to === undefined ? x0 + 3 : x(mark.to);
    ctx.fillRect(x0, top, Math.max(3, x1 - x0), bottom - top);
    ctx.fillStyle = ink.text;
    ctx.fillText(mark.label, x0 + 6, top + 20);
  }
  ctx.lineWidth = 3;
  for (const l of LINES) {
    ctx.strokeStyle = l.colour;
    ctx.setLineDash(l.dash);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < S.t.length; i++) {
      const t = S.t[i]!;
      const v = S[l.name][i];
      if (t < r.fromS || t > nowS || v === null || v === undefined) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(x(t), y(v));
      else ctx.moveTo(x(t), y(v));
      pen = true;
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.fillStyle = ink.text;
  ctx.font = 'bold 22px sans-serif';
  ctx.fillText(title, left, 32);
  ctx.font = '18px sans-serif';
  ctx.fillText(`t = ${Math.round(nowS)} s`, right - 110, 32);
  LINES.forEach((l, k) => {
    ctx.fillStyle = l.colour;
    ctx.fillRect(left + k * 160, CLIP_HEIGHT - 28, 24, 4);
    ctx.fillStyle = ink.text;
    ctx.fillText(l.name, left + k * 160 + 32, CLIP_HEIGHT - 20);
  });
}

/** Record the clip as a WebM file; `onProgress` gets the share of frames done. */
export async function recordClip(
  result: RunResult,
  r: ClipRange,
  options: { title: string; mark: ClipMark | null; theme: 'light' | 'dark'; onProgress?: (done: number) => void },
): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = CLIP_WIDTH;
  canvas.height = CLIP_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('This browser cannot draw the clip (no 2D canvas).');
  const frames: WebmFrame[] = [];
  let failure: unknown = null;
  const encoder = new VideoEncoder({
    output: (chunk) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      frames.push({ data, timestampUs: chunk.timestamp, key: chunk.type === 'key' });
    },
    error: (e) => (failure = e),
  });
  encoder.configure({ codec: CODEC, width: CLIP_WIDTH, height: CLIP_HEIGHT, framerate: r.fps, bitrate: 2_000_000 });
  const n = clipFrames(r);
  const frameUs = 1e6 / r.fps;
  for (let i = 0; i < n; i++) {
    drawFrame(ctx, result, r, Math.min(r.toS, r.fromS + ((i + 1) / r.fps) * r.speed), options.title, options.mark, options.theme);
    const frame = new VideoFrame(canvas, { timestamp: Math.round(i * frameUs), duration: Math.round(frameUs) });
    encoder.encode(frame, { keyFrame: i % (2 * r.fps) === 0 });
    frame.close();
    // Let the encoder drain, and the page breathe, every few frames.
    if (encoder.encodeQueueSize > 8 || i % 10 === 9) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      options.onProgress?.((i + 1) / n);
    }
    if (failure !== null) throw failure instanceof Error ? failure : new Error('The video encoder failed.');
  }
  await encoder.flush();
  encoder.close();
  if (failure !== null) throw failure instanceof Error ? failure : new Error('The video encoder failed.');
  frames.sort((a, b) => a.timestampUs - b.timestampUs);
  const file = muxWebm({ width: CLIP_WIDTH, height: CLIP_HEIGHT, codec: 'V_VP8', durationUs: n * frameUs }, frames);
  return new Blob([file], { type: 'video/webm' });
}
