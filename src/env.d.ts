/** True only in test builds (`vite build --mode e2e`): enables the fault-injection hook. Replaced at build time. */
declare const __LAB_FAULTS__: boolean;

/** The preset gallery's thumbnails, made at build time by scripts/presetThumbnails.ts (real runs, downsampled). */
declare module 'virtual:preset-thumbnails' {
  const thumbnails: {
    id: string;
    durationS: number;
    offered: number[];
    goodput: number[];
    bad: number[];
    triggers: [number, number][];
    verdict: string;
  }[];
  export default thumbnails;
}
