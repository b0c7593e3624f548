/** Test helpers: run one `assay` command line in-process and capture what it prints. */
import type { CliIO } from './io.js';
import { run } from './main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The environment the command sees (default: none of the process's, so a developer's shell cannot leak in). */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  return runCliWith({}, ...argv);
}

export async function runCliWith(options: CliOptions, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    isTTY: false,
    env: options.env ?? {},
    ...(options.signal && { signal: options.signal }),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

export interface RunningCli {
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout once it is printed; rejects if the command ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Aborts the command's signal and resolves to its exit code. */
  stop(): Promise<number>;
  exit: Promise<number>;
}

/** Starts a long-running command (`serve`, `demo`) that runs until stopped. */
export function startCli(env: Record<string, string | undefined>, ...argv: string[]): RunningCli {
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  const io: CliIO = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), isTTY: false, env, signal: controller.signal };
  let ended = false;
  const exit = run(argv, io).finally(() => (ended = true));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exit,
    async waitFor(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (ended) throw new Error(`the command ended (exit ${await exit}) before printing ${pattern}:\n${stdout}\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} after ${timeoutMs} ms:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      controller.abort();
      return exit;
    },
  };
}
