import { expose } from 'comlink';
import { defaultScenario, fanoutClosedForm, findPreset, measureFanout, parseScenario, PRESETS, studyObjective } from '../../src/sim/index';
import type { StepRequest, TriggerSpec, WorkerLike } from '../../src/worker/index';
import { SimSession } from '../../src/worker/session';

/** A worker in this process: a MessageChannel with `api` exposed on the far end, as Comlink talks to a module worker. */
export function channelWorker(api: object): WorkerLike & { terminated: boolean } {
  const channel = new MessageChannel();
  expose(api, channel.port2);
  const worker = Object.assign(channel.port1, {
    terminated: false,
    terminate() {
      worker.terminated = true;
      channel.port1.close();
      channel.port2.close();
    },
  });
  return worker;
}

/** Calls that never answer: the worker spins, as far as the page can tell. */
const never = () => new Promise<never>(() => {});

/** Which calls hang, and how many more times; shared by every worker a starter makes, as one bad input would be. */
export type Hangs = Map<string, number>;

function hanging<T>(hangs: Hangs, name: string, run: () => T): T | Promise<never> {
  const left = hangs.get(name) ?? 0;
  if (left > 0) {
    hangs.set(name, left - 1);
    return never();
  }
  return run();
}

/** Starts simulation workers that run the real session in this process; a call named in `hangs` never answers. */
export function simWorkers(hangs: Hangs = new Map()) {
  const started: ReturnType<typeof channelWorker>[] = [];
  const start = (): WorkerLike => {
    const session = new SimSession(() => performance.now());
    const api = {
      defaultScenario: () => defaultScenario(),
      presets: () => PRESETS.map(({ id, title, lesson, story, watch, expected }) => ({ id, title, lesson, story, watch, expected })),
      preset: (id: string) => findPreset(id)?.scenario ?? null,
      start: (input: unknown) => hanging(hangs, 'start', () => session.start(input)),
      step: (request: StepRequest) => hanging(hangs, 'step', () => session.step(request)),
      set: (patch: Record<string, unknown>) => session.set(patch),
      inject: (trigger: TriggerSpec) => session.inject(trigger),
      result: () => session.result(),
    };
    const worker = channelWorker(api);
    started.push(worker);
    return worker;
  };
  return { start, started };
}

/** Starts fan-out study workers running the study in this process; a call named in `hangs` never answers. */
export function studyWorkers(hangs: Hangs = new Map()) {
  const started: ReturnType<typeof channelWorker>[] = [];
  const start = (): WorkerLike => {
    const api = {
      objective: (input: unknown) => studyObjective(parseScenario(input).scenario),
      closedForm: (input: unknown, p1: number, widths: number[]) => widths.map((n) => fanoutClosedForm(parseScenario(input).scenario, n, p1)),
      point: (input: unknown, n: number, slo: number | null) => hanging(hangs, `point ${n}`, () => measureFanout(parseScenario(input).scenario, n, slo)),
    };
    const worker = channelWorker(api);
    started.push(worker);
    return worker;
  };
  return { start, started };
}
