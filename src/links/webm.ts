// A minimal WebM (Matroska) writer for one VP8 video track: the frames come already encoded (WebCodecs in the page),
// each with its own timestamp, so the file's timing is the frames' and not how fast the machine drew them. The
// segment's Duration is written, so a player reads the length without scanning the file.

/** One encoded frame. */
export interface WebmFrame {
  data: Uint8Array;
  /** Microseconds from the start of the clip. */
  timestampUs: number;
  key: boolean;
}

export interface WebmTrack {
  width: number;
  height: number;
  /** `V_VP8` or `V_VP9`. */
  codec: 'V_VP8' | 'V_VP9';
  /** The clip's length in microseconds (the last frame's end). */
  durationUs: number;
}

type Part = Uint8Array;

function concat(parts: readonly Part[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An element ID as its bytes (IDs carry their own length marker). */
function idBytes(id: number): Part {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Uint8Array.from(bytes);
}

/** A size as an 8-byte EBML variable-length integer. */
function sizeBytes(n: number): Part {
  const out = new Uint8Array(8);
  out[0] = 0x01;
  for (let i = 7, v = n; i >= 1; i--, v = Math.floor(v / 256)) out[i] = v % 256;
  return out;
}

function element(id: number, body: Part): Part {
  return concat([idBytes(id), sizeBytes(body.length), body]);
}

function uint(id: number, value: number): Part {
  const bytes: number[] = [];
  for (let v = value; v > 0 || bytes.length === 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return element(id, Uint8Array.from(bytes));
}

function float(id: number, value: number): Part {
  const body = new Uint8Array(8);
  new DataView(body.buffer).setFloat64(0, value);
  return element(id, body);
}

function text(id: number, value: string): Part {
  return element(id, Uint8Array.from(value, (c) => c.charCodeAt(0) & 0x7f));
}

/** Timecodes in milliseconds (TimecodeScale 1 000 000 ns). */
const MS = 1000;
/** A block's timecode is a signed 16-bit offset from its cluster's: start a new cluster well before it overflows. */
const CLUSTER_SPAN_MS = 30_000;

function simpleBlock(frame: WebmFrame, clusterMs: number): Part {
  const head = new Uint8Array(4);
  head[0] = 0x81; // track 1
  new DataView(head.buffer).setInt16(1, Math.round(frame.timestampUs / MS) - clusterMs);
  head[3] = frame.key ? 0x80 : 0x00;
  return element(0xa3, concat([head, frame.data]));
}

/** The WebM file of `frames` (in timestamp order, the first a key frame). */
export function muxWebm(track: WebmTrack, frames: readonly WebmFrame[]): Uint8Array<ArrayBuffer> {
  if (frames.length > 0 && !frames[0]!.key) throw new Error('The first frame of a WebM clip must be a key frame.');
  const header = element(
    0x1a45dfa3,
    concat([uint(0x4286, 1), uint(0x42f7, 1), uint(0x42f2, 4), uint(0x42f3, 8), text(0x4282, 'webm'), uint(0x4287, 2), uint(0x4285, 2)]),
  );
  const info = element(0x1549a966, concat([uint(0x2ad7b1, 1_000_000), float(0x4489, track.durationUs / MS), text(0x4d80, 'Metastability Lab'), text(0x5741, 'Metastability Lab')]));
  const video = element(0xe0, concat([uint(0xb0, track.width), uint(0xba, track.height)]));
  const tracks = element(0x1654ae6b, element(0xae, concat([uint(0xd7, 1), uint(0x73c5, 1), uint(0x83, 1), uint(0x9c, 0), text(0x86, track.codec), video])));
  const clusters: Part[] = [];
  let blocks: Part[] = [];
  let clusterMs = -Infinity;
  const close = () => {
    if (blocks.length > 0) clusters.push(element(0x1f43b675, concat([uint(0xe7, clusterMs), ...blocks])));
    blocks = [];
  };
  for (const f of frames) {
    const ms = Math.round(f.timestampUs / MS);
    if ((f.key && ms !== clusterMs) || ms - clusterMs >= CLUSTER_SPAN_MS) {
      close();
      clusterMs = ms;
    }
    blocks.push(simpleBlock(f, clusterMs));
  }
  close();
  return concat([header, element(0x18538067, concat([info, tracks, ...clusters]))]);
}
