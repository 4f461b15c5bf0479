import type { Issue } from '../domain/issue';

/*
 * Counted multisets for data that come and go (a batch imported, withdrawn, restored): what is held
 * depends only on the rows held, never on the order they came or went in.
 */

/** Issues counted by what they say: the same issue raised by several rows is one, until its last row goes. */
export class IssueBag {
  private readonly bag = new Map<string, { issue: Issue; n: number }>();
  add(i: Issue, sign: 1 | -1): void {
    const k = `${i.level}\u0000${i.code}\u0000${i.ref}\u0000${i.message}`;
    const e = this.bag.get(k);
    if (sign === 1) {
      if (e) e.n++;
      else this.bag.set(k, { issue: i, n: 1 });
    } else if (e && --e.n === 0) this.bag.delete(k);
  }
  all(): Issue[] {
    return [...this.bag.values()].map((e) => e.issue);
  }
}

/** A count per key, dropped at zero. */
export class Counter<K> {
  readonly m = new Map<K, number>();
  add(k: K, sign: 1 | -1): void {
    const n = (this.m.get(k) ?? 0) + sign;
    if (n === 0) this.m.delete(k);
    else this.m.set(k, n);
  }
}
