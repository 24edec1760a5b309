import { RevisionError } from '../errors.js';

import { shownPath } from '../util/shown-path.js';

export { shownPath };

/**
 * The revision layer's errors, one factory per failure. Each returns a
 * `RevisionError` (src/errors.ts) whose `code` is stable, whose message names
 * the culprit (file, revision id, label, target) on one line, and whose `data`
 * carries the same facts for `--json`. The commands layer re-words nothing:
 * it prints `message` and `hint`.
 *
 * @example
 * throw unknownRevisionError('3f2a', 'upgrade');
 */

/** Lists ids for a message: `a, b, c` (at most 8, then `… and N more`). */
export function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 8).join(', ');
  return ids.length > 8 ? `${shown} … and ${ids.length - 8} more` : shown;
}

/** `migrations/versions` does not exist. */
export function versionsDirMissingError(dir: string): RevisionError {
  return new RevisionError('revision.versions-missing', `no revision directory at ${dir}`, {
    hint: 'run `kiln init` to create migrations/, or set `migrations` in kiln.config',
    data: { path: dir },
  });
}

/** A revision file lacks a required `export const`. */
export function metadataMissingError(file: string, variable: string): RevisionError {
  return new RevisionError('revision.metadata-missing', `${shownPath(file)}: no \`export const ${variable}\``, {
    hint: `every revision file declares \`export const ${variable} = …\` as a literal`,
    data: { file, variable },
  });
}

/** A metadata variable is not a plain literal of the expected type. */
export function metadataInvalidError(file: string, variable: string, reason: string, line?: number): RevisionError {
  const where = line === undefined ? shownPath(file) : `${shownPath(file)}:${line}`;
  return new RevisionError('revision.metadata-invalid', `${where}: \`${variable}\` ${reason}`, {
    hint: 'kiln reads revision metadata without running the file: write a string literal, null, or an array of string literals',
    data: { file, variable, line: line ?? null },
  });
}

/** Two files declare the same revision id. */
export function duplicateRevisionError(id: string, files: readonly string[]): RevisionError {
  return new RevisionError(
    'revision.duplicate-id',
    `revision ${id} is declared by both ${files.map(shownPath).join(' and ')}`,
    {
      hint: 'give one of the files a new id (`kiln revision` generates unique ids)',
      data: { revision: id, files: [...files] },
    },
  );
}

/** A `downRevision` names a revision that no file declares. */
export function missingParentError(id: string, file: string, parent: string): RevisionError {
  return new RevisionError(
    'revision.missing-parent',
    `${shownPath(file)}: downRevision ${parent} of revision ${id} does not exist`,
    {
      hint: 'restore the missing revision file, or point downRevision at an existing revision',
      data: { revision: id, file, parent },
    },
  );
}

/** A `dependsOn` entry is neither a revision id nor a branch label. */
export function unknownDependencyError(id: string, file: string, dependency: string): RevisionError {
  return new RevisionError(
    'revision.unknown-dependency',
    `${shownPath(file)}: dependsOn ${dependency} of revision ${id} is neither a revision nor a branch label`,
    { hint: 'list existing revision ids or branch labels in dependsOn', data: { revision: id, file, dependency } },
  );
}

/** downRevision/dependsOn edges form a cycle; `files` are the members' files, in the same order. */
export function cycleError(members: readonly string[], files: readonly string[] = []): RevisionError {
  const where = files.length === 0 ? '' : ` (${files.map(shownPath).join(', ')})`;
  return new RevisionError(
    'revision.cycle',
    `revisions form a cycle: ${[...members, members[0]].join(' -> ')}${where}`,
    {
      hint: 'a revision cannot come after itself: fix downRevision/dependsOn in one of these files',
      data: { revisions: [...members], files: [...files] },
    },
  );
}

/** A branch label is declared twice, equals a revision id, or is malformed. */
export function badLabelError(label: string, reason: string, files: readonly string[]): RevisionError {
  return new RevisionError(
    'revision.label-invalid',
    `branch label '${label}' ${reason} (${files.map(shownPath).join(', ')})`,
    {
      hint: 'branch labels are unique names, distinct from revision ids, without @, :, + or whitespace',
      data: { label, files: [...files] },
    },
  );
}

/** A target names no revision, label or keyword. */
export function unknownRevisionError(text: string, context?: string): RevisionError {
  const hint = /^\d+$/.test(text)
    ? `relative steps take a sign: did you mean -${text} or +${text}?`
    : 'run `kiln history` to list revisions; targets are head, heads, base, an id or unique id prefix, label@head, +N/-N';
  return new RevisionError('revision.unknown', `no revision or branch '${text}'${context ? ` in ${context}` : ''}`, {
    hint,
    data: { target: text },
  });
}

/** A partial id matches several revisions; `files` are the candidates' files, in the same order. */
export function ambiguousRevisionError(
  prefix: string,
  candidates: readonly string[],
  files: readonly string[] = [],
): RevisionError {
  const shown = candidates.map((id, i) => (files[i] === undefined ? id : `${id} (${shownPath(files[i])})`));
  return new RevisionError('revision.ambiguous', `'${prefix}' matches several revisions: ${listIds(shown)}`, {
    hint: 'type more characters of the id',
    data: { target: prefix, candidates: [...candidates], files: [...files] },
  });
}

/** `head` (or `label@head`) when several heads exist. */
export function multipleHeadsError(expression: string, heads: readonly string[]): RevisionError {
  return new RevisionError(
    'revision.multiple-heads',
    `'${expression}' is ambiguous: there are ${heads.length} heads: ${listIds(heads)}`,
    {
      hint: 'use `heads` for all of them, `<label>@head` or a revision id for one, or `kiln merge heads` to join them',
      data: { target: expression, heads: [...heads] },
    },
  );
}

/**
 * A relative step from the current state when the database has several
 * heads. `label` is a branch label of the first row, when it has one, for
 * the example in the hint.
 */
export function ambiguousCurrentError(
  expression: string,
  rows: readonly string[],
  sign: '+' | '-',
  label?: string,
): RevisionError {
  const step = expression.replace(/^.*?([+-]\d+)$/, '$1');
  const examples = [...(label === undefined ? [] : [`${label}@${step}`]), `${rows[0]}${step}`].join(' or ');
  return new RevisionError(
    'revision.ambiguous-current',
    `'${expression}' is ambiguous: the database is at several heads: ${listIds(rows)}`,
    {
      hint: `name the branch: \`<label>@${sign}N\` or \`<rev>${sign}N\` (e.g. ${examples})`,
      data: { target: expression, current: [...rows] },
    },
  );
}

/** A relative walk reaches a branch point (up) or a merge point (down). */
export function ambiguousWalkError(
  expression: string,
  from: string,
  candidates: readonly string[],
  direction: 'up' | 'down',
): RevisionError {
  const what =
    direction === 'up'
      ? `cannot step up past branch point ${from}: it has children ${candidates.join(' and ')}`
      : `cannot step down past merge point ${from}: it has parents ${candidates.join(' and ')}`;
  return new RevisionError('revision.ambiguous-walk', `'${expression}' ${what}`, {
    hint:
      direction === 'up'
        ? 'name the branch (`<label>@+N`) or the revision to go to'
        : `continue from one parent: ${candidates.map((c) => `\`${c}-N\``).join(' or ')}`,
    data: { target: expression, from, candidates: [...candidates], direction },
  });
}

/** A relative walk runs past a head or below base. */
export function relativeOutOfRangeError(expression: string, reason: string): RevisionError {
  return new RevisionError('revision.relative-out-of-range', `'${expression}' ${reason}`, {
    hint: 'use a smaller step, or `kiln history` to see the revisions',
    data: { target: expression },
  });
}

/** A target form that makes no sense for this command (`-1` for upgrade). */
export function targetNotAllowedError(expression: string, reason: string, hint: string): RevisionError {
  return new RevisionError('revision.target-not-allowed', `'${expression}' ${reason}`, {
    hint,
    data: { target: expression },
  });
}

/** A revision exists but is outside the named branch. */
export function notInBranchError(revision: string, branch: string): RevisionError {
  return new RevisionError('revision.not-in-branch', `revision ${revision} is not on branch '${branch}'`, {
    hint: '`kiln branches` shows which revisions each branch holds',
    data: { revision, branch },
  });
}

/** Malformed target syntax. */
export function targetSyntaxError(expression: string, reason: string): RevisionError {
  return new RevisionError('revision.target-syntax', `bad target '${expression}': ${reason}`, {
    hint: 'targets: head, heads, base, <id>, <label>@head, <label>@base, <label>@<id>, +N, -N, <rev>+N, <rev>-N; ranges a:b',
    data: { target: expression },
  });
}

/** A downgrade target that is not applied (it is above the current state). */
export function downgradeTargetNotAppliedError(target: string, current: readonly string[]): RevisionError {
  return new RevisionError(
    'revision.downgrade-above-current',
    `cannot downgrade to ${target}: it is not applied (current: ${current.length > 0 ? listIds(current) : 'base'})`,
    { hint: 'use `kiln upgrade` to go forward', data: { target, current: [...current] } },
  );
}

/** The version table names a revision no file declares. */
export function unknownCurrentError(revision: string): RevisionError {
  return new RevisionError(
    'revision.unknown-current',
    `the database is at revision ${revision}, which no revision file declares`,
    {
      hint: 'restore the missing revision files, or `kiln stamp --purge <rev>` to reset the version table',
      data: { revision },
    },
  );
}

/** The version table names a revision that `kiln squash` folded into the baseline `baseline`. */
export function squashedCurrentError(revision: string, baseline: string): RevisionError {
  return new RevisionError(
    'revision.squashed-current',
    `the database is at revision ${revision}, which 'kiln squash' folded into the baseline ${baseline}: kiln cannot upgrade it from there`,
    {
      hint: `upgrade it to ${baseline} or later with the revision files from before the squash (kept in versions/squashed/${baseline}/), or rebuild it from the baseline`,
      data: { revision, baseline },
    },
  );
}

/** Version rows (or stamp targets) of which one is an ancestor of another. */
export function overlapError(what: string, revision: string, ancestor: string, hint: string): RevisionError {
  return new RevisionError('revision.overlap', `${what}: ${ancestor} is an ancestor of ${revision}`, {
    hint,
    data: { revision, ancestor },
  });
}

/** A new revision on a revision that already has children, without --splice. */
export function notAHeadError(revision: string, children: readonly string[]): RevisionError {
  return new RevisionError(
    'revision.not-a-head',
    `revision ${revision} is not a head (it has child ${listIds(children)})`,
    {
      hint: 'pass --splice to start a new branch from it, or build on a head',
      data: { revision, children: [...children] },
    },
  );
}

/** A range whose lower end is not below its upper end. */
export function rangeNotAncestorError(lower: string, upper: string): RevisionError {
  return new RevisionError('revision.range-not-ancestor', `revision ${lower} is not an ancestor of ${upper}`, {
    hint: 'write ranges as older:newer, e.g. base:head',
    data: { lower, upper },
  });
}

/** A new revision that would break the graph. */
export function invalidNewRevisionError(reason: string, data: Record<string, unknown>): RevisionError {
  return new RevisionError('revision.new-invalid', `cannot create revision: ${reason}`, {
    hint: 'choose another --rev-id / --branch-label, or check --head / --depends-on',
    data,
  });
}
