/** Servers the benchmarks start as child processes, each printing its port as its first line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => c.kill()));

export interface ChildServer {
  port: number;
  stop(): Promise<void>;
}

/** Starts `script` with `args` and resolves once it has printed its port. */
export function startChildServer(script: string, args: string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve({
        port: Number(line),
        async stop() {
          children.delete(child);
          child.kill();
          await exited;
        },
      }),
    );
  });
}
