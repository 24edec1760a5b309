import { spawnSync } from 'node:child_process';
import type { ResolvedConfig } from '../config/load-config.js';
import { ConfigError, RevisionError } from '../errors.js';
import { resolveRevisions } from '../revisions/resolve-target.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';

export interface EditOptions {
  /**
   * Send the editor's standard output to stderr (default: the terminal's
   * stdout), so that stdout carries only kiln's `--json` document.
   */
  readonly editorOutputToStderr?: boolean;
}

/** What `kiln edit` opened. */
export interface EditResult {
  readonly revision: string;
  readonly path: string;
}

/**
 * `kiln edit [rev]`: opens a revision file in `$VISUAL` / `$EDITOR` and waits
 * for the editor to exit.
 *
 * @example await edit(await loadConfig(), 'head');
 */
export async function edit(config: ResolvedConfig, target = 'head', options: EditOptions = {}): Promise<EditResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const revisions = resolveRevisions(graph, target, []);
  if (revisions.length !== 1) {
    throw new RevisionError(
      'revision.not-one',
      `'${target}' names ${revisions.length} revisions${revisions.length > 0 ? `: ${revisions.join(', ')}` : ''}`,
      {
        hint: 'name one revision',
      },
    );
  }
  const revision = revisions[0] as string;
  const path = graph.require(revision).path;
  const editor = process.env.VISUAL || process.env.EDITOR;
  if (editor === undefined || editor === '') {
    throw new ConfigError('edit.no-editor', `no editor: set $EDITOR (or $VISUAL) to open ${path}`, {
      hint: 'e.g. EDITOR=vim kiln edit',
    });
  }
  // The editor setting may carry arguments (`code --wait`), so run it through the shell with the path quoted.
  const result = spawnSync(`${editor} "${path.replace(/(["\\$`])/g, '\\$1')}"`, {
    // File descriptor 2: the editor writes straight to kiln's stderr.
    stdio: ['inherit', options.editorOutputToStderr === true ? 2 : 'inherit', 'inherit'],
    shell: true,
  });
  if (result.status !== 0) {
    throw new ConfigError(
      'edit.failed',
      `editor '${editor}' exited with ${result.status ?? result.signal} for ${path}`,
    );
  }
  return { revision, path };
}
