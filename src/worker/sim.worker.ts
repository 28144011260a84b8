/** The simulation worker: a thin Comlink adapter over a live session of the engine. */
import { expose, transfer } from 'comlink';
import { defaultScenario, findPreset, PRESETS, type RunResult, type Scenario } from '../sim/index';
import { injectFault, type FaultKind } from './fault';
import { SimSession, type Frame, type SessionInfo, type StepRequest, type TriggerSpec } from './session';

const session = new SimSession(() => performance.now());

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One preset as the page lists it. */
export interface PresetCard {
  id: string;
  title: string;
  lesson: number;
  story: string;
  watch: string;
  expected: string;
}

/** What the worker offers the UI thread. Inputs are validated here, so the UI may pass any JSON. */
const api = {
  defaultScenario(): Scenario {
    return defaultScenario();
  },
  presets(): PresetCard[] {
    return PRESETS.map(({ id, title, lesson, story, watch, expected }) => ({ id, title, lesson, story, watch, expected }));
  },
  /** The raw scenario of a preset, or null. */
  preset(id: string): unknown {
    return findPreset(id)?.scenario ?? null;
  },
  start(input: unknown, catchUpToS = 0): SessionInfo {
    return session.start(input, catchUpToS);
  },
  async step(request: StepRequest): Promise<Frame> {
    const frame = session.step(request);
    if (frame.done) await session.fingerprint(frame, sha256Hex);
    const buffers = [frame.data.buffer];
    if (frame.shards !== null) buffers.push(frame.shards.utilisation.buffer);
    return transfer(frame, buffers);
  },
  /** The run so far in the CLI's JSON shape (scenario, summary, every series), for the page's exports. */
  result(): RunResult {
    return session.result();
  },
  set(patch: Record<string, unknown>): SessionInfo {
    return session.set(patch);
  },
  inject(trigger: TriggerSpec): SessionInfo {
    return session.inject(trigger);
  },
  /** Test builds only (`vite build --mode e2e`): make the worker crash or stop answering. */
  fault(kind: FaultKind): void {
    injectFault(kind);
  },
};

export type SimApi = typeof api;

expose(api);
