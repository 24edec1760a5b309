import { type Literal, scanMetadata } from './metadata-scanner.js';
import { metadataInvalidError, metadataMissingError } from './revision-errors.js';

/**
 * A revision file's graph metadata, read from its text. `downRevisions` is
 * empty for a base, has one id for an ordinary revision and several for a
 * merge. `path` is the file it came from.
 */
export interface RevisionMeta {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string | null;
  readonly createDate: string | null;
  readonly path: string;
  /**
   * Written by `kiln squash` into the baseline it makes: the revisions the
   * baseline replaces (moved out of the graph), so that a database left at
   * one of them gets a clear error instead of "unknown revision".
   */
  readonly squashes?: readonly string[];
  /** Also by `kiln squash`: the checksum of the file this baseline replaces under the same id (see applied-checksums.ts). */
  readonly squashedChecksum?: string | null;
}

const METADATA_VARIABLES: ReadonlySet<string> = new Set([
  'revision',
  'downRevision',
  'branchLabels',
  'dependsOn',
  'message',
  'createDate',
  'squashes',
  'squashedChecksum',
]);

/**
 * Reads `export const revision = '…'` and its siblings (`downRevision`,
 * `branchLabels`, `dependsOn`, `message`, `createDate`) from the text of a
 * revision file, without executing or transpiling it, so that the whole
 * graph loads safely and fast. Only top-level `export const NAME[: TYPE] =
 * LITERAL[ as const]` declarations count; LITERAL is a quoted string, a
 * backtick string without `${}`, `null`, or an array of strings. Comments,
 * strings and code elsewhere in the file are skipped.
 *
 * `revision` and `downRevision` are required (a base says `null`
 * explicitly, so a forgotten line cannot create a second base); the others
 * default to `[]` / `null`.
 *
 * @throws RevisionError `revision.metadata-missing` or `revision.metadata-invalid`, naming the file and variable.
 * @example
 * readRevisionMetadata("export const revision = 'ab12';\nexport const downRevision = null;", 'v/ab12.ts')
 * // → { revision: 'ab12', downRevisions: [], branchLabels: [], dependsOn: [], message: null, createDate: null, path: 'v/ab12.ts' }
 */
export function readRevisionMetadata(source: string, file: string): RevisionMeta {
  const values = scanMetadata(source, file, METADATA_VARIABLES);
  const revision = values.get('revision');
  if (revision === undefined) throw metadataMissingError(file, 'revision');
  if (typeof revision !== 'string' || revision.trim() === '') {
    throw metadataInvalidError(file, 'revision', 'must be a non-empty string literal');
  }
  const down = values.get('downRevision');
  if (down === undefined) throw metadataMissingError(file, 'downRevision');
  return {
    revision,
    downRevisions: stringList(file, 'downRevision', down),
    branchLabels: stringList(file, 'branchLabels', values.get('branchLabels') ?? null),
    dependsOn: stringList(file, 'dependsOn', values.get('dependsOn') ?? null),
    message: nullableString(file, 'message', values.get('message') ?? null),
    createDate: nullableString(file, 'createDate', values.get('createDate') ?? null),
    path: file,
    ...squashMetadata(file, values),
  };
}

/** `squashes` and `squashedChecksum`, only when the file has them (most do not). */
function squashMetadata(
  file: string,
  values: ReadonlyMap<string, Literal>,
): Pick<RevisionMeta, 'squashes' | 'squashedChecksum'> {
  const squashes = values.get('squashes');
  const checksum = values.get('squashedChecksum');
  return {
    ...(squashes === undefined ? {} : { squashes: stringList(file, 'squashes', squashes) }),
    ...(checksum === undefined ? {} : { squashedChecksum: nullableString(file, 'squashedChecksum', checksum) }),
  };
}

function stringList(file: string, variable: string, value: Literal): readonly string[] {
  const list = value === null ? [] : typeof value === 'string' ? [value] : value;
  if (list.some((item) => item.trim() === '')) throw metadataInvalidError(file, variable, 'contains an empty string');
  return [...new Set(list)];
}

function nullableString(file: string, variable: string, value: Literal): string | null {
  if (value !== null && typeof value !== 'string')
    throw metadataInvalidError(file, variable, 'must be a string or null');
  return value;
}
