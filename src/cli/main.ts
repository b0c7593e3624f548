/** The `assay` command line: wires the commands and maps errors to exit codes and located messages. */
import { Command, CommanderError } from 'commander';
import { ConflictError, ForbiddenError, NotFoundError, TooLargeError, UnauthenticatedError, ValidationError } from '../domain/index.js';
import { registerArchive } from './commands/archive.js';
import { registerCheckpoint } from './commands/checkpoint.js';
import { registerDemo } from './commands/demo.js';
import { registerEvidence } from './commands/evidence.js';
import { registerExamine } from './commands/examine.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerImportOscal } from './commands/import-oscal.js';
import { registerInit } from './commands/init.js';
import { registerMonitor } from './commands/monitor.js';
import { registerRemind } from './commands/remind.js';
import { registerSample } from './commands/sample.js';
import { registerServe } from './commands/serve.js';
import { registerUser } from './commands/user.js';
import { registerVerify } from './commands/verify.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK } from './exit-codes.js';
import { processIO, type CliIO } from './io.js';

/** Runs one command line and resolves to its exit code; never exits the process itself. */
export async function run(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exitCode = EXIT_OK;
  const setExit = (code: number) => (exitCode = code);
  const program = new Command('assay')
    .description('Assay: SOC 2 examinations as code')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');
  registerExamine(program, io, setExit);
  registerInit(program, io);
  registerSample(program, io);
  registerImport(program, io);
  registerExport(program, io);
  registerImportOscal(program, io);
  registerUser(program, io);
  registerVerify(program, io, setExit);
  registerCheckpoint(program, io);
  registerArchive(program, io);
  registerServe(program, io);
  registerDemo(program, io);
  registerRemind(program, io, setExit);
  registerMonitor(program, io, setExit);
  registerEvidence(program, io);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // Help and version print and succeed; anything else is a usage error, already printed by commander.
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (error instanceof ValidationError) {
    io.err(`${error.summary}:\n${error.issues.map((i) => `${i.location}: ${i.message}`).join('\n')}\n`);
    return EXIT_BAD_INPUT;
  }
  // What the user named does not exist, clashes, or is not theirs: their input, said plainly.
  if (error instanceof NotFoundError || error instanceof ConflictError || error instanceof ForbiddenError || error instanceof UnauthenticatedError || error instanceof TooLargeError) {
    io.err(`assay: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  io.err(`assay: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_INTERNAL;
}
