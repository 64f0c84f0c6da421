import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/run-fixture.js';

afterAll(() => removeTempDirs());
