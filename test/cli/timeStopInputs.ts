/** Scenarios whose simulated time would stop advancing (or crawl): what `run` and `sweep` must refuse, naming the field. */
export interface TimeStopInput {
  name: string;
  scenario: unknown;
  /** The command and its options; the scenario file's path goes after the command. */
  command: string[];
  /** What the refusal must say: the field and its range. */
  message: RegExp;
}

const WINDOW_REFUSED = /server\.autoscale\.window: got 1e-300, expected a number from 0\.001 to 3600/;

export const TIME_STOP_INPUTS: TimeStopInput[] = [
  { name: 'run: autoscale window 1e-300', scenario: { version: 1, server: { autoscale: { window: 1e-300 } } }, command: ['run'], message: WINDOW_REFUSED },
  {
    name: 'run: an action that sets the window to 1e-300 mid-run',
    scenario: { version: 1, server: { autoscale: {} }, actions: [{ at: 5, set: { 'server.autoscale.window': 1e-300 } }] },
    command: ['run'],
    message: /actions\[0\]\.set\["server\.autoscale\.window"\]: got 1e-300, expected a number from 0\.001 to 3600/,
  },
  {
    name: 'run: breaker cooldown and throttle window 1e-300',
    scenario: { version: 1, client: { breaker: { cooldown: 1e-300 }, throttle: { window: 1e-300 } } },
    command: ['run'],
    message: /client\.breaker\.cooldown: got 1e-300[\s\S]*client\.throttle\.window: got 1e-300/,
  },
  {
    name: 'run: 1e8 autoscale checks',
    scenario: { version: 1, duration: 1e7, bin: 100, load: { rate: 1 }, server: { autoscale: { window: 0.1 } } },
    command: ['run'],
    message: /server\.autoscale\.window: got 0\.1, expected a number from 1 to 3600/,
  },
  {
    name: 'sweep: every cell with window 1e-300',
    scenario: { version: 1, server: { autoscale: { window: 1e-300 } } },
    command: ['sweep', '--x', 'load.rate=100:200:2', '--y', 'seed=1:2:2'],
    message: WINDOW_REFUSED,
  },
];
