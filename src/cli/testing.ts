/** Test helper: runs one `assay` command line in-process and captures what it prints. */
import type { CliIO } from './io.js';
import { run } from './main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), isTTY: false };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
