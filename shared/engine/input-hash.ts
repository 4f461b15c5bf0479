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

/**
 * SHA-256 of a compute's input in a canonical form: the engine version, the scheme (targets by code:
 * their order is not part of the input; the order of categories, indicators and groups is, as it is
 * how results are laid out), the previous cycle (name, ranks sorted, the digest of its values) and
 * the digest of the data rows (see Digest: the same rows give the same digest in any order and in
 * any split into batches). A workspace passes the digests it keeps per batch; otherwise they are
 * worked out from the rows.
 */
export function hashInput(
  input: ComputeInput,
  engineVersion: string,
  hasher: HasherFactory = createSha256,
  digests: InputDigests = inputDigests(input),
): string {
  const { scheme, previous } = input;
  const targets = [...scheme.targets].sort((a, b) => compareCodes(a.code, b.code));
  return hasher()
    .update(
      canonicalJson(
        {
          engine: engineVersion,
          scheme: { ...scheme, targets },
          previous:
            previous === null
              ? null
              : {
                  name: previous.name,
                  ranks: previous.ranks.map((r) => JSON.stringify([r.group, r.target, r.rank])).sort(),
                  values: digests.previousValues.hex(),
                },
          data: digests.data.hex(),
        },
        { lenient: true },
      ),
    )
    .hex();
}
