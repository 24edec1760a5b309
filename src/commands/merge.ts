import { renderRevisionSource } from '../autogenerate/render-revision.js';
import type { ResolvedConfig } from '../config/load-config.js';
import { RevisionError } from '../errors.js';
import { generateRevisionId, revisionIdTaken, validateNewRevision } from '../revisions/new-revision.js';
import { resolveRevisions } from '../revisions/resolve-target.js';
import { loadScriptDirectory } from '../revisions/script-directory.js';
import type { RevisionResult } from './revision.js';
import { revisionTemplate, writeRevisionFile } from './revision.js';

export interface MergeOptions {
  readonly message: string;
  readonly branchLabel?: string;
  readonly revId?: string;
}

/**
 * `kiln merge <revs...>`: writes a revision whose `downRevision` lists the
 * given heads, joining their branches. It runs no operation unless you add some.
 *
 * @example await merge(await loadConfig(), ['heads'], { message: 'merge branches' });
 */
export async function merge(
  config: ResolvedConfig,
  targets: readonly string[],
  options: MergeOptions,
): Promise<RevisionResult> {
  const { graph } = await loadScriptDirectory(config.versionsDir);
  const parents = [...new Set(targets.flatMap((target) => resolveRevisions(graph, target, [])))];
  if (parents.length < 2) {
    throw new RevisionError(
      'merge.too-few',
      `merge needs at least two revisions; '${targets.join(' ')}' names ${parents.length === 0 ? 'none' : parents.join(', ')}`,
      {
        hint: "name the heads to join, or use 'kiln merge heads -m …'",
      },
    );
  }
  const revisionId = options.revId ?? generateRevisionId(revisionIdTaken(graph));
  const branchLabels = options.branchLabel === undefined ? [] : [options.branchLabel];
  validateNewRevision(
    graph,
    { revision: revisionId, downRevisions: parents, branchLabels, dependsOn: [] },
    options.revId === undefined ? {} : { idOption: '--rev-id' },
  );
  const source = renderRevisionSource(revisionTemplate(config), {
    revision: revisionId,
    downRevision: parents,
    branchLabels,
    dependsOn: [],
    message: options.message,
    createDate: new Date().toISOString(),
    upgradeOps: [],
    downgradeOps: [],
    autogenerate: false,
  });
  const path = writeRevisionFile(config, revisionId, options.message, source);
  return {
    revision: revisionId,
    downRevisions: parents,
    path,
    changes: [],
    warnings: [],
    lint: [],
    autogenerate: false,
    baseline: false,
  };
}
