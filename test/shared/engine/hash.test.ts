import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256, utf8 } from '../../../shared/engine/hash';

describe('sha256', () => {
  // FIPS 180-4 examples (NIST CSRC "Cryptographic Standards and Guidelines: Examples with Intermediate Values", SHA-256)
  it('matches the FIPS 180-4 vector for "abc"', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('matches the FIPS 180-4 two-block vector', () => {
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
  it('hashes the empty string', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('agrees with node:crypto on Chinese text, emoji and lengths around the block boundary', () => {
    const samples = [
      '综合考核结果排名',
      '末三位 😀 𠀀',
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      'y'.repeat(1000),
    ];
    for (const s of samples) expect(sha256(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
  it('encodes UTF-8 like Buffer does', () => {
    const s = 'a€𝄞中\ud800';
    expect(Buffer.from(utf8(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level so key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
  it('drops undefined fields and refuses NaN', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ a: NaN })).toThrow(RangeError);
  });
});

describe('the native hasher the main process uses', () => {
  it('gives the same input hash as the pure one', async () => {
    const { createNodeSha256 } = await import('../../../electron/main/services/node-hasher');
    const { hashInput } = await import('../../../shared/engine/input-hash');
    const { syntheticCycle } = await import('../../helpers/synthetic');
    const c = syntheticCycle({ categories: 2, targets: 50, leaves: 8, ratings: 2000, seed: 3 });
    const input = { ...c, previous: null };
    expect(hashInput(input, 'v', createNodeSha256)).toBe(hashInput(input, 'v'));
  });

  it('streams bytes in any chunking to the same digest', async () => {
    const { createSha256 } = await import('../../../shared/engine/hash');
    const bytes = Buffer.from('综合考核'.repeat(40_000));
    const whole = createSha256().updateBytes(bytes).hex();
    const pieces = createSha256();
    for (let i = 0; i < bytes.length; i += 1237) pieces.updateBytes(bytes.subarray(i, i + 1237));
    expect(pieces.hex()).toBe(whole);
    expect(whole).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
