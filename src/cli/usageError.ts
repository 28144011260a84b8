/** A command line that cannot be understood: exit code 2, with the usage of the command. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show, or null for the general usage. */
    readonly command: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
