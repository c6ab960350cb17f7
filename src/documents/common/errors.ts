import { EXIT, exitCodeOf } from '../../core/exit-codes.ts';
import { guardTerminal } from '../../core/terminal.ts';

/** An error whose message is written for the person running the command (in Vietnamese). */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.content) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A wrong command line: exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** Runs a command's main function; prints Vietnamese errors without a stack trace. */
export async function runCommand(main: () => Promise<number>): Promise<void> {
  guardTerminal();
  try {
    process.exitCode = await main();
  } catch (error) {
    // Any error that carries an exit code (this module's, scripts/lib/cli.ts's) was said for the user.
    if (typeof (error as { exitCode?: unknown }).exitCode === 'number') {
      process.stderr.write(`Lỗi: ${(error as Error).message}\n`);
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Lỗi không mong đợi: ${detail}\n`);
    }
    process.exitCode = exitCodeOf(error);
  }
}
