/**
 * Every test file's temporary folder is the run's scratch folder (scratch-setup.ts): os.tmpdir()
 * reads TMPDIR on each call, and the processes a test starts inherit it.
 */
import { inject } from 'vitest';

process.env.TMPDIR = inject('scratch');
