/**
 * The embed's message API: a page that embeds the lab (iframe) may play, pause, reset, inject a trigger or
 * load a preset by `postMessage`. Only from the embedding page (or the lab's own origin), only from an
 * allowed origin, and only messages of the exact shapes below; anything else is ignored.
 */
import * as v from 'valibot';
import { LESSONS, messageOf } from '../../sim/format';
import type { LabStore, LessonStore } from '../../state/index';
import { isAllowedOrigin } from './embedOptions';

/** Prefix of every message type the lab sends or accepts. */
export const MESSAGE_PREFIX = 'metastability-lab:';

const TRIGGER = v.strictObject({
  kind: v.picklist(['spike', 'outage', 'capacity', 'cache-flush', 'errors']),
  duration: v.exactOptional(v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(1e6))),
  factor: v.exactOptional(v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(1000))),
  slots: v.exactOptional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1e6))),
  rate: v.exactOptional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1))),
});

const COMMAND = v.variant('type', [
  v.strictObject({ type: v.literal('metastability-lab:play') }),
  v.strictObject({ type: v.literal('metastability-lab:pause') }),
  v.strictObject({ type: v.literal('metastability-lab:reset') }),
  v.strictObject({ type: v.literal('metastability-lab:inject'), trigger: TRIGGER }),
  v.strictObject({ type: v.literal('metastability-lab:load-preset'), id: v.pipe(v.string(), v.maxLength(64), v.regex(/^[a-z0-9][a-z0-9-]*$/)) }),
  v.strictObject({
    type: v.literal('metastability-lab:lesson-step'),
    lesson: v.pipe(v.string(), v.maxLength(64), v.regex(/^[a-z0-9][a-z0-9-]*$/)),
    step: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99)),
  }),
]);

export type EmbedCommand = v.InferOutput<typeof COMMAND>;

/** A message's data as a command, or why it is not one (never throws, whatever the data: getters, proxies, cycles). */
export function readCommand(data: unknown): { ok: true; command: EmbedCommand } | { ok: false; error: string } {
  let plain: unknown;
  try {
    // Structured-clone data is plain, but a same-origin caller could pass anything: copy it as JSON first.
    plain = JSON.parse(JSON.stringify(data)) as unknown;
  } catch {
    return { ok: false, error: 'not plain data' };
  }
  const result = v.safeParse(COMMAND, plain);
  if (result.success) return { ok: true, command: result.output };
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, error: `${path === '' ? 'message' : path}: ${issue?.message ?? 'not valid'}` };
}

/** Carry out a command on the lab; rejects with a message naming the field when the lab refuses it. */
export async function runCommand(store: LabStore, command: EmbedCommand, lessons?: LessonStore): Promise<void> {
  const lab = store.getState();
  switch (command.type) {
    case 'metastability-lab:play':
      lab.play();
      return;
    case 'metastability-lab:pause':
      lab.pause();
      return;
    case 'metastability-lab:reset':
      await lab.reset();
      return;
    case 'metastability-lab:inject': {
      const before = lab.recorded?.triggers.length ?? 0;
      const notice = lab.notice;
      await lab.injectNow(command.trigger);
      const after = store.getState();
      if ((after.recorded?.triggers.length ?? 0) > before) return;
      // The lab shows why as a notice; the engine names the field as the scenario's (triggers[i]), the sender knows it as `trigger`.
      const why = after.notice !== notice && after.notice !== null ? after.notice.text : 'the run has ended';
      throw new Error(why.replace(/^triggers\[\d+\]\./gm, 'trigger.'));
    }
    case 'metastability-lab:lesson-step': {
      if (lessons === undefined) throw new Error('lesson: this page has no lessons');
      const lesson = LESSONS.find((l) => l.id === command.lesson);
      if (lesson === undefined) throw new Error(`lesson: got ${JSON.stringify(command.lesson)}, expected one of ${LESSONS.map((l) => JSON.stringify(l.id)).join(', ')}`);
      if (command.step > lesson.steps.length) throw new Error(`step: got ${command.step}, expected a whole number from 1 to ${lesson.steps.length}`);
      if (!(await lessons.getState().open(lesson.id, command.step - 1))) throw new Error(`step: the step did not open${store.getState().notice === null ? '' : ` (${store.getState().notice!.text})`}`);
      return;
    }
    case 'metastability-lab:load-preset': {
      const ids = lab.presets.map((p) => p.id);
      if (ids.length > 0 && !ids.includes(command.id)) {
        throw new Error(`id: got ${JSON.stringify(command.id)}, expected one of ${ids.map((id) => JSON.stringify(id)).join(', ')}`);
      }
      const playing = lab.playing;
      if (!(await lab.loadPreset(command.id))) {
        const notice = store.getState().notice;
        throw new Error(`id: the preset ${JSON.stringify(command.id)} did not start${notice === null ? '' : ` (${notice.text})`}`);
      }
      if (playing) store.getState().play();
      return;
    }
  }
}

/** What the message listener needs of `window`. */
export interface MessageEnv {
  readonly origin: string;
  readonly parent: unknown;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface MessageApiOptions {
  /** Origins besides `env.origin` allowed to drive the lab. */
  allowed: readonly string[];
  /** Told before each accepted command runs (the embed leaves its "click to run" state). */
  onCommand?: (command: EmbedCommand) => void;
  /** Lesson mode, for `lesson-step`. */
  lessons?: LessonStore;
}

/**
 * Listen for commands. Each accepted command is answered on the sender's window with
 * `{ type: 'metastability-lab:done', command }` or `{ type: 'metastability-lab:error', command?, error }`,
 * sent to the sender's origin only. Returns a function that stops listening.
 */
export function startMessageApi(store: LabStore, env: MessageEnv, options: MessageApiOptions): () => void {
  const onMessage = (event: MessageEvent): void => {
    if (event.source !== env.parent && event.origin !== env.origin) return;
    if (!isAllowedOrigin(event.origin, env.origin, options.allowed)) return;
    const data: unknown = event.data;
    // Messages of other tools (not ours) are none of our business; ours must be exact.
    if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') return;
    const type = (data as { type: string }).type;
    if (!type.startsWith(MESSAGE_PREFIX)) return;
    const reply = (answer: Record<string, unknown>): void => {
      const source = event.source as { postMessage?: (message: unknown, targetOrigin: string) => void } | null;
      try {
        source?.postMessage?.(answer, event.origin);
      } catch {
        // the sender went away
      }
    };
    const read = readCommand(data);
    if (!read.ok) {
      reply({ type: `${MESSAGE_PREFIX}error`, error: read.error });
      return;
    }
    options.onCommand?.(read.command);
    runCommand(store, read.command, options.lessons).then(
      () => reply({ type: `${MESSAGE_PREFIX}done`, command: read.command.type }),
      (error: unknown) => reply({ type: `${MESSAGE_PREFIX}error`, command: read.command.type, error: messageOf(error) }),
    );
  };
  env.addEventListener('message', onMessage);
  return () => env.removeEventListener('message', onMessage);
}

/**
 * Tell the embedding page the height the lab needs (`measure`) whenever it may have changed (any of `watched` resized),
 * so the iframe can fit it. Returns a stop function.
 */
export function startHeightReports(watched: readonly Element[], measure: () => number, post: (message: { type: string; height: number }) => void): () => void {
  let last = -1;
  const send = (): void => {
    const height = Math.ceil(measure());
    if (height === last) return;
    last = height;
    post({ type: `${MESSAGE_PREFIX}height`, height });
  };
  send();
  if (typeof ResizeObserver === 'undefined') return () => {};
  const observer = new ResizeObserver(send);
  for (const element of watched) observer.observe(element);
  return () => observer.disconnect();
}

/**
 * Report each prediction a learner makes to the embedding page, so a course page can tally a room's guesses:
 * `{ type: 'metastability-lab:prediction', lesson, step, answer, text }`, posted once per allowed origin with that
 * origin as the target, so only an allowed parent can read it. Returns a stop function.
 */
export function startPredictionReports(lessons: LessonStore, post: (message: Record<string, unknown>, targetOrigin: string) => void, origins: readonly string[]): () => void {
  return lessons.subscribe((state, prev) => {
    if (state.choice === null || (state.choice === prev.choice && state.step === prev.step && state.lessonId === prev.lessonId)) return;
    const lesson = LESSONS.find((l) => l.id === state.lessonId);
    const text = lesson?.steps[state.step]?.prediction?.answers[state.choice]?.text;
    if (lesson === undefined || text === undefined) return;
    const message = { type: `${MESSAGE_PREFIX}prediction`, lesson: lesson.id, step: state.step + 1, answer: state.choice + 1, text };
    for (const origin of origins) {
      try {
        post(message, origin);
      } catch {
        // the parent went away
      }
    }
  });
}
