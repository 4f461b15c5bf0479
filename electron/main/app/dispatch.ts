import { randomBytes } from 'node:crypto';
import type { Channel, Handlers, Outputs } from '../../../shared/contract/api';
import { CHANNELS, isChannel } from '../../../shared/contract/api';
import type { Result } from '../../../shared/contract/result';
import { fail } from '../../../shared/contract/result';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/** Where a problem with an input was, in words: `files.0.name`. */
const where = (path: readonly PropertyKey[]) => (path.length > 0 ? `（${path.map(String).join('.')}）` : '');

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
