/** The simulation worker: a thin Comlink adapter over a live session of the engine. */
import { expose, transfer } from 'comlink';
import { defaultScenario, findPreset, type RunResult, type Scenario } from '../sim/index';
import { presetCards, type PresetCard } from './presetCards';
import { injectFault, stepFault, type FaultKind } from './fault';
import { SimSession, type Frame, type SessionInfo, type StepRequest, type TriggerSpec } from './session';

const session = new SimSession(() => performance.now());
/** The running scenario's name (for the test builds' step fault). */
let running: string | null = null;

/** What the worker offers the UI thread. Inputs are validated here, so the UI may pass any JSON. */
const api = {
  defaultScenario(): Scenario {
    return defaultScenario();
  },
  presets(): PresetCard[] {
    return presetCards();
  },
  /** The raw scenario of a preset, or null. */
  preset(id: string): unknown {
    return findPreset(id)?.scenario ?? null;
  },
  start(input: unknown): SessionInfo {
    const info = session.start(input);
    running = info.recorded.name;
    return info;
  },
  step(request: StepRequest): Frame {
    stepFault(running);
    const frame = session.step(request);
    if (frame.done) session.fingerprint(frame);
    const buffers = [frame.data.buffer];
    if (frame.shards !== null) buffers.push(frame.shards.utilisation.buffer);
    if (frame.services !== null) buffers.push(frame.services.values.buffer);
    if (frame.classes !== null) buffers.push(frame.classes.utilisation.buffer);
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
