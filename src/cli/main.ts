/** The `assay` command line: wires the commands and maps errors to exit codes and located messages. */
import { Command, CommanderError } from 'commander';
// The errors' own module, not the domain's index: a command loads only the part of the domain it runs.
import { ConflictError, ForbiddenError, NotFoundError, TooLargeError, UnauthenticatedError, ValidationError } from '../domain/errors.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK } from './exit-codes.js';
import { processIO, type CliIO } from './io.js';

type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/**
 * Each command's module by the top-level names it registers, in the order help lists them. A command line that
 * names one loads only that module (`assay examine` does not load the server, its database drivers or its
 * services); anything else (help, a misspelt command) loads them all, so commander can list and suggest.
 */
const COMMANDS: readonly (readonly [names: readonly string[], load: () => Promise<Register>])[] = [
  [['examine'], async () => (await import('./commands/examine.js')).registerExamine],
  [['init'], async () => (await import('./commands/init.js')).registerInit],
  [['sample', 'sample-size'], async () => (await import('./commands/sample.js')).registerSample],
  [['import'], async () => (await import('./commands/import.js')).registerImport],
  [['export'], async () => (await import('./commands/export.js')).registerExport],
  [['import-oscal'], async () => (await import('./commands/import-oscal.js')).registerImportOscal],
  [['user'], async () => (await import('./commands/user.js')).registerUser],
  [['verify'], async () => (await import('./commands/verify.js')).registerVerify],
  [['checkpoint'], async () => (await import('./commands/checkpoint.js')).registerCheckpoint],
  [['engagement', 'control'], async () => (await import('./commands/archive.js')).registerArchive],
  [['serve'], async () => (await import('./commands/serve.js')).registerServe],
  [['demo'], async () => (await import('./commands/demo.js')).registerDemo],
  [['remind'], async () => (await import('./commands/remind.js')).registerRemind],
  [['monitor'], async () => (await import('./commands/monitor.js')).registerMonitor],
  [['what-if'], async () => (await import('./commands/what-if.js')).registerWhatIf],
  [['not-applicable'], async () => (await import('./commands/not-applicable.js')).registerNotApplicable],
  [['root-cause'], async () => (await import('./commands/root-cause.js')).registerRootCause],
  [['evidence'], async () => (await import('./commands/evidence.js')).registerEvidence],
  [['report'], async () => (await import('./commands/report.js')).registerReport],
  [['package'], async () => (await import('./commands/package.js')).registerPackage],
  [['risks'], async () => (await import('./commands/risks.js')).registerRisks],
];

/** Runs one command line and resolves to its exit code; never exits the process itself. */
export async function run(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exitCode = EXIT_OK;
  const setExit = (code: number) => (exitCode = code);
  const program = new Command('assay')
    .description('Assay: SOC 2 examinations as code')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');
  // `assay examine` starts its threads on the workspace's test files before its modules load (examine-early.ts).
  const closeEarly = argv[0] === 'examine' ? (await import('./commands/examine-early.js')).startExamineEarly(argv.slice(1)) : null;
  try {
    const named = COMMANDS.filter(([names]) => names.includes(argv[0] ?? ''));
    const registers = await Promise.all((named.length > 0 ? named : COMMANDS).map(([, load]) => load()));
    for (const register of registers) register(program, io, setExit);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  } finally {
    // Threads the command did not take (a usage error, a folder it read otherwise) would keep the process alive.
    await closeEarly?.();
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
