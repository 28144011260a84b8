import { describe, expect, it } from 'vitest';
import { muxWebm, type WebmFrame } from '../../src/links/webm';

interface Node {
  id: number;
  body: Uint8Array;
  children?: Node[];
}

/** Read EBML elements (IDs with their marker, sizes as variable-length integers). */
function read(bytes: Uint8Array, masters: ReadonlySet<number>): Node[] {
  const out: Node[] = [];
  let at = 0;
  const vint = (keepMarker: boolean) => {
    const first = bytes[at]!;
    let len = 1;
    while (len <= 8 && (first & (0x80 >> (len - 1))) === 0) len++;
    let v = keepMarker ? first : first & (0xff >> len);
    for (let i = 1; i < len; i++) v = v * 256 + bytes[at + i]!;
    at += len;
    return v;
  };
  while (at < bytes.length) {
    const id = vint(true);
    const size = vint(false);
    const body = bytes.subarray(at, at + size);
    at += size;
    out.push(masters.has(id) ? { id, body, children: read(body, masters) } : { id, body });
  }
  return out;
}

const MASTERS = new Set([0x1a45dfa3, 0x18538067, 0x1549a966, 0x1654ae6b, 0xae, 0xe0, 0x1f43b675]);
const find = (nodes: Node[], id: number) => nodes.filter((n) => n.id === id);
const uint = (n: Node) => n.body.reduce((v, b) => v * 256 + b, 0);

describe('the WebM writer', () => {
  it('writes a header, the duration, one VP8 track and every frame at its own timecode', () => {
    const fps = 25;
    const frames: WebmFrame[] = Array.from({ length: 1600 }, (_, i) => ({ data: Uint8Array.of(i % 256, 1, 2), timestampUs: (i * 1e6) / fps, key: i % 50 === 0 }));
    const file = muxWebm({ width: 640, height: 360, codec: 'V_VP8', durationUs: (frames.length * 1e6) / fps }, frames);
    const [ebml, segment] = read(file, MASTERS);
    expect(ebml!.id).toBe(0x1a45dfa3);
    expect(new TextDecoder().decode(find(ebml!.children!, 0x4282)[0]!.body)).toBe('webm');
    const seg = segment!.children!;
    const info = find(seg, 0x1549a966)[0]!.children!;
    expect(uint(find(info, 0x2ad7b1)[0]!)).toBe(1_000_000);
    expect(new DataView(find(info, 0x4489)[0]!.body.slice().buffer).getFloat64(0)).toBe(64_000);
    const entry = find(find(seg, 0x1654ae6b)[0]!.children!, 0xae)[0]!.children!;
    expect(new TextDecoder().decode(find(entry, 0x86)[0]!.body)).toBe('V_VP8');
    const video = find(entry, 0xe0)[0]!.children!;
    expect([uint(find(video, 0xb0)[0]!), uint(find(video, 0xba)[0]!)]).toEqual([640, 360]);
    const times: number[] = [];
    for (const cluster of find(seg, 0x1f43b675)) {
      const base = uint(find(cluster.children!, 0xe7)[0]!);
      for (const block of find(cluster.children!, 0xa3)) {
        expect(block.body[0]).toBe(0x81);
        const rel = new DataView(block.body.slice(1, 3).buffer).getInt16(0);
        expect(rel).toBeGreaterThanOrEqual(0);
        expect(rel).toBeLessThan(32_768);
        times.push(base + rel);
        expect((block.body[3]! & 0x80) !== 0).toBe(times.length % 50 === 1);
      }
    }
    expect(times).toEqual(frames.map((f) => Math.round(f.timestampUs / 1000)));
  });

  it('refuses a clip that does not start on a key frame', () => {
    expect(() => muxWebm({ width: 2, height: 2, codec: 'V_VP8', durationUs: 1 }, [{ data: Uint8Array.of(1), timestampUs: 0, key: false }])).toThrow(/key frame/);
  });
});
