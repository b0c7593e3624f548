import { describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

/** The command names a help text lists under "Commands:" (`help` itself left out). */
function commandsOf(help: string): string[] {
  const section = help.split('Commands:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1] as string).filter((name) => name !== 'help');
}

/** Each option's entry in a help text, its wrapped lines joined. */
function optionEntries(help: string): string[] {
  const section = help.split('Options:\n')[1]?.split('\n\n')[0] ?? '';
  return section.split(/\n(?= {2}-)/).map((entry) => entry.replace(/\s+/g, ' '));
}

describe('assay --help', () => {
  it('states each option’s default once, in every command and subcommand', async () => {
    const pending = commandsOf((await runCli('--help')).stdout).map((name) => [name]);
    expect(pending.map(([name]) => name)).toEqual(expect.arrayContaining(['demo', 'serve', 'examine', 'monitor', 'user']));
    const checked: string[] = [];
    for (let command = pending.shift(); command; command = pending.shift()) {
      const help = (await runCli(...command, '--help')).stdout;
      pending.push(...commandsOf(help).map((name) => [...command, name]));
      for (const entry of optionEntries(help)) {
        expect(entry.match(/\(default/g)?.length ?? 0, `${command.join(' ')}: ${entry}`).toBeLessThanOrEqual(1);
      }
      checked.push(command.join(' '));
    }
    expect(checked).toEqual(expect.arrayContaining(['demo', 'serve', 'monitor run', 'user reset-password']));
  });
});
