export { compute, ENGINE_VERSION } from './compute';
export type { ComputeInput } from './compute';
export { prepareScheme, ref } from './prepare';
export type { PreparedScheme, PreparedLeaf } from './prepare';
export { toResultJson, ranksFromResultJson } from './result-json';
export { roundHalfAway, formatFixed } from './round';
export { sha256, canonicalJson } from './hash';
