/** Where a command writes: injected so tests can run commands in-process and read what they print. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Bytes to stdout as they are (a PDF piped on); a command that has none to write refuses to write binary. */
  outBytes?(bytes: Uint8Array): void;
  /** Colour and progress bars only on a terminal. */
  isTTY: boolean;
  /** Progress bars go to stderr, so they need stderr to be a terminal. */
  errIsTTY?: boolean;
  /** The environment the command reads (`ASSAY_DATABASE_URL`, …); the process's own when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Stops a long-running command (`serve`, `demo`); without one they stop on SIGINT or SIGTERM. */
  signal?: AbortSignal;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  outBytes: (bytes) => process.stdout.write(bytes),
  err: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
};

/** The environment of a command: the injected one, else the process's. */
export function envOf(io: CliIO): Readonly<Record<string, string | undefined>> {
  return io.env ?? process.env;
}
