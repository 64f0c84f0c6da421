#!/usr/bin/env node
// The `workflow` command. Kept tiny: each command's module is imported only when it runs.
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2));
