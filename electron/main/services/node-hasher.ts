import { createHash } from 'node:crypto';
import type { Sha256 } from '../../../shared/engine/hash';

/** SHA-256 from node:crypto behind the engine's hasher interface: the same digest, natively. */
export function createNodeSha256(): Sha256 {
  const h = createHash('sha256');
  const self: Sha256 = {
    update: (s) => (h.update(s, 'utf8'), self),
    updateBytes: (b) => (h.update(b), self),
    hex: () => h.digest('hex'),
  };
  return self;
}
