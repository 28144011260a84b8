/** The page's exports: the charts as SVG or PNG (carrying the link), the series as the CLI's CSV, the run as the CLI's JSON. */
import { resultToJson, seriesToCsv } from '../../links/index';
import { linkOf, urlWithHash, type LabStore } from '../../state/index';
import { chartsSvg } from './chartsSvg';
import { download, fileStem, pngWithText, svgToPng } from './download';

export type ExportKind = 'png' | 'svg' | 'csv' | 'json';

/** Build and download one export of the lab's current run. Throws with a message for the user. */
export async function exportRun(store: LabStore, kind: ExportKind, href: string): Promise<void> {
  const lab = store.getState();
  if (lab.recorded === null) throw new Error('Nothing to export yet: the run has not started.');
  const hash = linkOf(lab);
  const link = hash === null ? href : urlWithHash(href, hash);
  const stem = fileStem(lab.recorded.name, lab.recorded.seed);
  if (kind === 'csv' || kind === 'json') {
    // From the worker: every series of the engine, as the CLI writes them.
    const result = await lab.fetchResult();
    if (kind === 'json') download(`${stem}.json`, new Blob([resultToJson(result)], { type: 'application/json' }));
    else download(`${stem}.csv`, new Blob([seriesToCsv(result.series)], { type: 'text/csv' }));
    return;
  }
  const svg = chartsSvg({
    source: lab.series,
    binS: lab.binS,
    durationS: lab.durationS,
    scenario: lab.recorded,
    link,
    theme: lab.theme,
    timeoutS: lab.effective?.client.timeout ?? null,
  });
  if (kind === 'svg') {
    download(`${stem}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
    return;
  }
  const png = new Uint8Array(await (await svgToPng(svg)).arrayBuffer());
  download(`${stem}.png`, new Blob([pngWithText(png, 'Source', link)], { type: 'image/png' }));
}
