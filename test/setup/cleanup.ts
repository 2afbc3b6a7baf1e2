// Loaded by vitest before every test file (vitest.config.ts setupFiles): whatever a file started
// is ended when the file is done, pass or fail.
import { afterAll } from 'vitest';
import { killAllTracked } from '../fixtures/tracked';
import { removeTempDirs } from '../fixtures/processes';

afterAll(() => {
  killAllTracked();
  removeTempDirs();
});
