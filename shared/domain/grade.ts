/** 等次: the four grades of an assessment, best first. */
export const GRADES = ['优秀', '良好', '一般', '较差'] as const;
export type Grade = (typeof GRADES)[number];

export const isGrade = (s: string): s is Grade => (GRADES as readonly string[]).includes(s);
