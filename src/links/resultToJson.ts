import type { RunResult } from '../sim/format';

/**
 * A run as the CLI's JSON (`sim run --format json`): `{ scenario, summary, series }` on one line, and for a graph
 * of services each service's summary (`serviceSummary`) and series (`services`), byte for byte the same, so a file
 * exported from the page and one from the CLI compare equal.
 */
export function resultToJson(result: RunResult): string {
  const services = result.services === undefined ? {} : { serviceSummary: result.serviceSummary, services: result.services };
  return `${JSON.stringify({ scenario: result.scenario, summary: result.summary, series: result.series, ...services })}\n`;
}
