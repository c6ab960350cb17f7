/** An error whose message is written for the person running the command (in Vietnamese). */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A wrong command line: exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** Runs a command's main function; prints Vietnamese errors without a stack trace. */
export async function runCommand(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`Lỗi: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Lỗi không mong đợi: ${detail}\n`);
      process.exitCode = 1;
    }
  }
}
