import { expect, it } from 'vitest';
import { main } from '../src/index.js';
import { commands } from '../src/registry.js';
import { capture } from './support/io.js';

async function run(args: string[]) {
  const io = capture({}, process.cwd());
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

it('suggests the command a typo was close to, and lists the commands', async () => {
  const typo = await run(['sumbit']);
  expect(typo.code).toBe(2);
  expect(typo.err).toMatch(/^workflow: unknown command "sumbit"; did you mean "submit"\? Commands: [a-z, ]+\.\n$/);
  for (const name of Object.keys(commands)) expect(typo.err).toContain(` ${name}`);
  const far = await run(['frobnicate']);
  expect(far.err).toMatch(/^workflow: unknown command "frobnicate"\. Commands: /);
});

it.each(Object.keys(commands))('workflow %s --help describes each option once, in full sentences', async (name) => {
  const { code, out } = await run([name, '--help']);
  expect(code).toBe(0);
  const [description = '', options = ''] = out.split('\nOptions:\n');
  // The description keeps its prose; the option texts are in the Options section only.
  expect(description).not.toMatch(/^\s*--[\w-]+: /m);
  const flags = options.split('\nExamples:')[0] ?? '';
  for (const flag of flags.split('\n').filter((l) => /^ {2}(-\w, | {4})--/.test(l))) {
    expect(flag, flag).toMatch(/--[\w-]+( <value>)? +\S/);
  }
  // Every text ends where its sentence ends: no line of an option's text stops on a dangling word.
  const texts = flags.split(/\n(?= {2}(?:-\w, | {4})--)/).map((block) => block.replace(/\s+/g, ' ').trim());
  for (const text of texts) expect(text, text).not.toMatch(/\b(the|a|an|of|per|or|and|to|with|one file per)$/);
  // Prose and option texts are wrapped (the usage line and the examples are commands, kept whole).
  const wrapped = `${description.split('\n').slice(1).join('\n')}\n${flags}`.split('\n');
  expect(wrapped.filter((line) => line.length > 120)).toEqual([]);
});
