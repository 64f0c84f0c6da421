import type { Command } from './command.js';

/** The commands, loaded lazily so `workflow --version` and `--help` stay fast. */
export const commands: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {};
