import type { ComputeInput } from './compute';
import type { Digest } from './digest';
import { digestPreviousValues, digestRows } from './digest';
import type { Sha256 } from './hash';
import { canonicalJson, createSha256 } from './hash';
import { compareCodes } from './stats';

/** Makes a fresh SHA-256 hasher. The pure one is the default; the main process passes node:crypto's. */
export type HasherFactory = () => Sha256;

/** The digests of a compute's rows, when the caller keeps them (a workspace keeps one per batch). */
export interface InputDigests {
  /** Of every data row (digestRows). */
  data: Digest;
  /** Of the previous cycle's values (digestPreviousValues); ignored when there is no previous cycle. */
  previousValues: Digest;
}

/** The digests of an input's rows, worked out from the rows themselves. */
export function inputDigests(input: ComputeInput): InputDigests {
  return {
    data: digestRows(input.data),
    previousValues: digestPreviousValues(input.previous?.values ?? []),
  };
}

/** The scheme as the input hash reads it: canonical JSON, targets by code (their order is not part of the input). */
export function canonicalScheme(scheme: ComputeInput['scheme']): string {
  const targets = [...scheme.targets].sort((a, b) => compareCodes(a.code, b.code));
  return canonicalJson({ ...scheme, targets }, { lenient: true });
}

/** The previous cycle as the input hash reads it: its name, its ranks sorted, the digest of its values. */
export function canonicalPrevious(previous: ComputeInput['previous'], values: Digest): string {
  return previous === null
    ? 'null'
    : canonicalJson(
        {
          name: previous.name,
          ranks: previous.ranks.map((r) => JSON.stringify([r.group, r.target, r.rank])).sort(),
          values: values.hex(),
        },
        { lenient: true },
      );
}

/**
 * SHA-256 of a compute's input in a canonical form: the canonical JSON of { data, engine, previous,
 * scheme } — the engine version, the scheme (canonicalScheme: the order of categories, indicators
 * and groups is part of the input, as it is how results are laid out; the order of targets is not),
 * the previous cycle (canonicalPrevious) and the digest of the data rows (see Digest: the same rows
 * give the same digest in any order and in any split into batches). A workspace passes the digests
 * it keeps per batch, and may pass the canonical scheme and previous cycle it worked out before;
 * otherwise they are worked out here.
 */
export function hashInput(
  input: ComputeInput,
  engineVersion: string,
  hasher: HasherFactory = createSha256,
  digests: InputDigests = inputDigests(input),
  known: { scheme?: string; previous?: string } = {},
): string {
  // written out in canonicalJson's own form: keys sorted (data < engine < previous < scheme)
  const scheme = known.scheme ?? canonicalScheme(input.scheme);
  const previous = known.previous ?? canonicalPrevious(input.previous, digests.previousValues);
  return hasher()
    .update(
      `{"data":${JSON.stringify(digests.data.hex())},"engine":${JSON.stringify(engineVersion)},"previous":${previous},"scheme":${scheme}}`,
    )
    .hex();
}
