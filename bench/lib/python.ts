import { existsSync } from 'node:fs';

/**
 * Alembic comes from Debian (python3-alembic), so it is importable by the
 * system interpreter, not necessarily by the first `python3` on PATH (a
 * pyenv one, say). KILN_BENCH_PYTHON overrides.
 */
export const pythonExe: string =
  process.env.KILN_BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
