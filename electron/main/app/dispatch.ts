import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Channel, Handlers, Outputs } from '../../../shared/contract/api';
import { CHANNELS, isChannel } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import { fail } from '../../../shared/contract/result';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

// the checks the contract does not word itself, in plain Chinese (zod's own locale for the rest)
const TYPES: Record<string, string> = {
  number: '数字',
  string: '文字',
  boolean: '是或否',
  array: '列表',
  object: '一组数据',
};
z.config(z.locales.zhCN());
z.config({
  customError: (iss) => {
    const inclusive = 'inclusive' in iss ? iss.inclusive !== false : true;
    if (iss.code === 'too_small')
      return iss.origin === 'string'
        ? `不能少于 ${String(iss.minimum)} 个字`
        : iss.origin === 'array'
          ? `至少要有 ${String(iss.minimum)} 项`
          : `须${inclusive ? '不小于' : '大于'} ${String(iss.minimum)}`;
    if (iss.code === 'too_big')
      return iss.origin === 'string'
        ? `不能多于 ${String(iss.maximum)} 个字`
        : iss.origin === 'array'
          ? `最多 ${String(iss.maximum)} 项`
          : `须${inclusive ? '不大于' : '小于'} ${String(iss.maximum)}`;
    if (iss.code === 'invalid_type') return `应为${TYPES[iss.expected] ?? '其他类型'}`;
    if (iss.code === 'invalid_value') return '不是可选的值';
    return undefined;
  },
});

const FIELDS: Record<string, string> = {
  name: '名称',
  reason: '原因',
  file: '文件',
  files: '文件',
  data: '文件内容',
  cycleId: '考核周期',
  fromId: '考核周期',
  previousId: '上一周期',
  previousCycleId: '上一周期',
  batchId: '批次',
  scheme: '方案',
  targets: '考核对象',
  indicators: '指标',
  categories: '类别',
  groups: '评价主体',
  rules: '规则',
  weights: '权重',
  params: '参数',
  aliases: '别名',
  code: '编码',
  task: '任务编号',
};
/** Where a problem with an input was, in words: `文件 2 名称`. */
const where = (path: readonly PropertyKey[]) =>
  path.length > 0
    ? `（${path.map((k) => (typeof k === 'number' ? `第 ${k + 1} 项` : (FIELDS[String(k)] ?? String(k)))).join(' ')}）`
    : '';

/**
 * One entry for every call, from IPC or the test bridge: the channel must exist, the input must
 * match its schema, and whatever happens comes back as a Result — an exception never crosses.
 */
export function createDispatcher(
  handlers: Handlers,
  onError: (e: unknown, id: string) => void = () => {},
): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) return fail('INVALID_INPUT', `未知的操作：${String(channel)}`);
    const parsed = CHANNELS[channel].safeParse(input ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return fail('INVALID_INPUT', `输入有误${first ? `${where(first.path)}：${first.message}` : ''}`);
    }
    try {
      const handler = handlers[channel] as (
        i: unknown,
      ) => Promise<Result<Outputs[Channel]>> | Result<Outputs[Channel]>;
      return await handler(parsed.data);
    } catch (e) {
      // the detail (paths, SQL) goes to the log under a number; the page gets the number only
      const id = randomBytes(4).toString('hex').toUpperCase();
      onError(e, id);
      return fail(
        'INTERNAL',
        `程序内部错误（编号 ${id}）。本次操作未完成，请重试；如仍出现，请把编号告知技术支持`,
      );
    }
  };
}
