/** The command line's start (issue 12): `appraisal --help` against `node -e 0`. */
import { measureCliStart } from '../cli-start';
import type { Report } from '../lib';

export function cliSection(report: Report, ci: boolean): void {
  const runs = ci ? 3 : 20;
  const m = measureCliStart(runs);
  report.heading('the command line', `median of ${runs} runs each, after one that may build the bundle`);
  report.add({ section: 'cli', name: 'node -e 0', value: m.nodeMs, unit: 'ms' });
  report.add({
    section: 'cli',
    name: 'appraisal --help',
    value: m.helpMs,
    unit: 'ms',
    reference: { name: 'node -e 0', value: m.nodeMs },
    goal: '≤ 3× node -e 0',
    maxRatio: 3,
  });
}
