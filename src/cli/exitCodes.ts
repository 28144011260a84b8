/** The CLI's exit codes (README, "Command line"). */
export const EXIT = {
  ok: 0,
  /** The scenario (file, preset with overrides) is not valid JSON or not a valid scenario. */
  invalidScenario: 1,
  /** The command line itself is wrong: unknown command or flag, missing argument, unreadable file. */
  usage: 2,
  /** A bug: an exception nobody expected. */
  internal: 3,
  /** `verify`: an assertion of the scenario failed on at least one seed. */
  assertionFailed: 4,
  /** Writing the output failed: no space left on the device, a file or descriptor that cannot take it. */
  output: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
