/** Weighting tools (SPEC §5): AHP, entropy, CRITIC and their combination. Pure functions. */
export {
  AHP_MAX_SIZE,
  CR_LIMIT,
  RECIPROCAL_TOLERANCE,
  SAATY_RI,
  ahp,
  ahpExperts,
  ahpRefusal,
  checkPairwise,
  geometricMeanMatrix,
} from './ahp';
export type { AhpExpertsOutcome, AhpOutcome, AhpResult, ExpertMatrixProblem, MatrixProblem } from './ahp';
export { entropyWeights } from './entropy';
export type { EntropyResult, EntropyVariant } from './entropy';
export { criticWeights } from './critic';
export type { CriticResult, CriticVariant } from './critic';
export { combineAdditive, combineMultiplicative } from './combine';
export type { CombineOutcome } from './combine';
export type { DataProblem, ObjectiveOutcome } from './data-matrix';
export { formatNumber, judgementText, parseJudgement } from './format';
