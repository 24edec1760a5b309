import { spawnSync } from 'node:child_process';
import type { ResolvedConfig } from '../config/load-config.js';
import { ConfigError, RevisionError } from '../errors.js';
import { resolveRevisions } from '../revisions/resolve-target.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';

/**
 * `kiln edit [rev]`: opens a revision file in `$VISUAL` / `$EDITOR` and waits
 * for the editor to exit.
 */
export async function edit(config: ResolvedConfig, target = 'head'): Promise<{ path: string }> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const revisions = resolveRevisions(graph, target, []);
  if (revisions.length !== 1) {
    throw new RevisionError(
      'edit.not-one',
      `'${target}' names ${revisions.length} revisions${revisions.length > 0 ? `: ${revisions.join(', ')}` : ''}`,
      {
        hint: 'name one revision',
      },
    );
  }
  const path = graph.require(revisions[0] as string).path;
  const editor = process.env.VISUAL || process.env.EDITOR;
  if (editor === undefined || editor === '') {
    throw new ConfigError('edit.no-editor', `no editor: set $EDITOR (or $VISUAL) to open ${path}`, {
      hint: 'e.g. EDITOR=vim kiln edit',
    });
  }
  // The editor setting may carry arguments (`code --wait`), so run it through the shell with the path quoted.
  const result = spawnSync(`${editor} "${path.replace(/(["\\$`])/g, '\\$1')}"`, { stdio: 'inherit', shell: true });
  if (result.status !== 0) {
    throw new ConfigError(
      'edit.failed',
      `editor '${editor}' exited with ${result.status ?? result.signal} for ${path}`,
    );
  }
  return { path };
}
