/** `appraisal weights ahp|entropy|critic`: the weighting tools on JSON files, as an operator runs them. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli';
import { runCliIn } from '../../helpers/cli';
import { ahp, criticWeights, entropyWeights, parseJudgement } from '../../../shared/engine/weights';
import { tempDir } from '../../helpers/workspace';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'weights');
const DRINKS = join(FIXTURES, 'ahp-saaty-2008-drinks.json');
const XU = join(FIXTURES, 'entropy-xu-2004.json');
const TUS = join(FIXTURES, 'critic-tus-aytac-adali-2019.json');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const cli = (...argv: string[]) => runCliIn(tmp.dir, argv);

/** A JSON input file in the temp folder, written as given (an object is serialised). */
function file(name: string, content: unknown): string {
  writeFileSync(join(tmp.dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

const readJson = (name: string) =>
  JSON.parse(readFileSync(join(tmp.dir, name), 'utf8')) as Record<string, unknown>;
const fixture = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as { matrix: unknown[][]; directions: ('+' | '-')[] };
const numbers = (m: unknown[][]) => m.map((row) => row.map((v) => parseJudgement(v) as number));

const INCONSISTENT = {
  labels: ['经济', '民生', '党建'],
  matrix: [
    [1, 5, '1/9'],
    ['1/5', 1, 3],
    [9, '1/3', 1],
  ],
};

describe('appraisal weights ahp', () => {
  it('prints the weights, λmax, CI and CR of Saaty’s drinks matrix, and writes them with --json', async () => {
    const r = await cli('weights', 'ahp', DRINKS, '--json', 'w.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toMatch(/指标\s+权重\n/);
    expect(r.out).toMatch(/\n水\s+0\.3268\n/);
    expect(r.out).toMatch(/\n葡萄酒\s+0\.0191\n/);
    expect(r.out).toContain('λmax = 7.1766，CI = 0.0294，CR = 0.0223（RI = 1.32），一致性检验：通过');
    expect(r.out).toContain(`权重已写入 ${join(tmp.dir, 'w.json')}`);

    const json = readJson('w.json');
    expect(Object.keys(json)).toEqual(['weights', 'lambdaMax', 'CI', 'CR', 'consistent']);
    const expected = ahp(numbers(fixture(DRINKS).matrix));
    if (!expected.ok) throw new Error('fixture refused');
    const { weights, lambdaMax, CI, CR, consistent } = expected.result;
    expect(json).toEqual({ weights, lambdaMax, CI, CR, consistent });
  });

  it('combines several experts by the element-wise geometric mean and shows the combined matrix', async () => {
    const panel = file('panel.json', {
      labels: ['经济发展', '民生保障'],
      matrices: [
        [
          [1, 2],
          ['1/2', 1],
        ],
        [
          [1, 8],
          ['1/8', 1],
        ],
        [
          [1, 4],
          [0.25, 1],
        ],
      ],
    });
    const r = await cli('weights', 'ahp', panel, '--json', 'w.json');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain('3 位专家的判断矩阵按元素几何平均后计算');
    expect(r.out).toMatch(/民生保障\s+1\/4\s+1\n/); // ∛(1/2 · 1/8 · 1/4) = 1/4
    expect(r.out).toMatch(/经济发展\s+0\.8000\n/);
    const w = readJson('w.json').weights as number[];
    expect(w[0]).toBeCloseTo(4 / 5, 12);
    expect(w[1]).toBeCloseTo(1 / 5, 12);
  });

  it('refuses an inconsistent matrix, naming the pair to revisit, exit 1, and writes nothing', async () => {
    const r = await cli('weights', 'ahp', file('bad.json', INCONSISTENT), '--json', 'w.json');
    expect(r.code).toBe(EXIT.refused);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^bad\.json：判断矩阵一致性比率 CR = \d+\.\d{4} ≥ 0\.1，未通过一致性检验；/);
    expect(r.err).toContain('最不一致的是“党建”与“经济”（第 3 行第 1 列）：填的是 9');
    expect(r.err).toContain('未写入任何文件');
    expect(existsSync(join(tmp.dir, 'w.json'))).toBe(false);
  });

  it('refuses a matrix with problems, naming the file and every cell', async () => {
    const r = await cli(
      'weights',
      'ahp',
      file('m.json', {
        matrix: [
          [1, 3, 2],
          [0.5, 1, 0],
          ['1/2', 1, 1],
        ],
      }),
    );
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('m.json 有 2 处问题：');
    expect(r.err).toContain('第 1 行第 2 列（3）与第 2 行第 1 列（0.5）不互为倒数，两者之积应为 1');
    expect(r.err).toContain('第 2 行第 3 列是 0：判断值须为正数');
    expect(r.err).toContain('第 2 行第 1 列应为 1/3');

    const text = await cli(
      'weights',
      'ahp',
      file('t.json', {
        matrix: [
          [1, '三'],
          ['1/3', 1],
        ],
      }),
    );
    expect(text.code).toBe(EXIT.refused);
    expect(text.err).toBe('t.json："matrix" 第 1 行第 2 列是 "三"：判断值应为数字或 1/3 这样的分数');

    const expert = await cli(
      'weights',
      'ahp',
      file('e.json', {
        matrices: [
          [
            [1, 2],
            ['1/2', 1],
          ],
          [
            [1, 2],
            [2, 1],
          ],
        ],
      }),
    );
    expect(expert.err).toContain('e.json：第 2 位专家：第 1 行第 2 列（2）与第 2 行第 1 列（2）不互为倒数');
  });
});

describe('appraisal weights entropy and critic', () => {
  it('entropy: prints entropy, divergence and weight of Xu (2004) on the raw values, and writes the weights', async () => {
    const r = await cli('weights', 'entropy', XU, '--json', 'w.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain('熵权法（原始数值比重）');
    expect(r.out).toMatch(/指标1\s+正向\s+0\.8872\s+0\.1128\s+0\.4630\n/);
    expect(r.out).toContain('不区分指标方向');
    const f = fixture(XU);
    const expected = entropyWeights(numbers(f.matrix), f.directions, 'sum');
    expect(readJson('w.json')).toEqual({ weights: expected.ok && expected.result.weights });
  });

  it('critic: takes the variant from the file (Tuş & Aytaç Adalı 2019, blind) and writes the weights', async () => {
    const r = await cli('weights', 'critic', TUS, '--json', 'w.json');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain('CRITIC（不分方向极差标准化）');
    expect(r.out).toMatch(/指标2\s+正向\s+0\.3399\s+7\.8199\s+2\.6583\s+0\.2495\n/);
    const f = fixture(TUS);
    const expected = criticWeights(numbers(f.matrix), f.directions, 'blind');
    expect(readJson('w.json')).toEqual({ weights: expected.ok && expected.result.weights });
  });

  it('uses min–max by direction by default, reads 正向/逆向 and names a constant indicator', async () => {
    const data = file('d.json', {
      labels: ['营收', '能耗', '人数'],
      directions: ['正向', '逆向', '+'],
      matrix: [
        [1, 2, 7],
        [3, 4, 7],
        [2, 9, 7],
      ],
    });
    for (const method of ['entropy', 'critic']) {
      const r = await cli('weights', method, data);
      expect(r.code).toBe(EXIT.done);
      expect(r.out).toContain(method === 'entropy' ? '熵权法（极差标准化）' : 'CRITIC（按方向极差标准化）');
      expect(r.out).toMatch(/能耗\s+逆向/);
      expect(r.out).toMatch(
        /人数\s+正向.*0\.0000\n注：“人数”在各考核对象之间数值全同，不能区分对象，权重为 0。/,
      );
    }
  });

  it('refuses data the method cannot weigh, with the engine’s message', async () => {
    const r = await cli(
      'weights',
      'critic',
      file('c.json', {
        directions: ['+', '+'],
        matrix: [
          [1, 2],
          [3, 2],
        ],
      }),
    );
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('c.json：只有第 1 列的指标在各考核对象之间有差异');
    const neg = await cli(
      'weights',
      'entropy',
      file('n.json', { variant: 'sum', directions: ['+'], matrix: [[1], [-2]] }),
    );
    expect(neg.err).toContain('n.json：第 2 行第 1 列是 -2');
  });
});

describe('what the operator is told about a bad file', () => {
  it.each([
    ['a missing file', 'ahp', null, 'nope.json：无法读取：找不到该文件'],
    ['text that is not JSON', 'ahp', '{"matrix": [[1, 3]', 'x.json：不是有效的 JSON'],
    ['JSON that is not an object', 'ahp', '[[1, 3], [0.3, 1]]', 'x.json：内容应是一个 JSON 对象'],
    [
      'a misspelt field',
      'entropy',
      { matrix: [[1], [2]], directions: ['+'], varient: 'sum' },
      '不认识的字段“varient”',
    ],
    ['no matrix', 'ahp', { labels: ['A'] }, '没有判断矩阵'],
    ['both matrix and matrices', 'ahp', { matrix: [[1]], matrices: [[[1]]] }, '只能给一个'],
    [
      'a matrix that is not rows',
      'critic',
      { matrix: [1, 2], directions: ['+'] },
      '"matrix" 应是按行写的二维数组',
    ],
    [
      'an unknown variant',
      'critic',
      { matrix: [[1], [2]], directions: ['+'], variant: 'log' },
      '"variant" 是 "log"：CRITIC 可用 "directional"',
    ],
    [
      'an entropy variant for CRITIC',
      'critic',
      { matrix: [[1], [2]], directions: ['+'], variant: 'sum' },
      '"variant" 是 "sum"',
    ],
    ['no directions', 'entropy', { matrix: [[1], [2]] }, '缺少 "directions"'],
    [
      'too few directions',
      'entropy',
      {
        matrix: [
          [1, 2],
          [2, 1],
        ],
        directions: ['+'],
      },
      '"directions" 有 1 个方向，数据有 2 列（指标）',
    ],
    [
      'a direction it cannot read',
      'entropy',
      { matrix: [[1], [2]], directions: ['上'] },
      '"directions" 第 1 个是 "上"',
    ],
    [
      'rows of different lengths',
      'entropy',
      { matrix: [[1, 2], [2]], directions: ['+', '+'] },
      '"matrix" 第 2 行有 1 个数，第 1 行有 2 个',
    ],
    [
      'a value that is not a number',
      'critic',
      { matrix: [[1], [null]], directions: ['+'] },
      '"matrix" 第 2 行第 1 列是 null：应为数值',
    ],
    [
      'labels of the wrong count',
      'ahp',
      {
        matrix: [
          [1, 2],
          ['1/2', 1],
        ],
        labels: ['A'],
      },
      '"labels" 有 1 个名称，判断矩阵有 2 行',
    ],
  ])('refuses %s, exit 1, naming the file', async (_, method, content, words) => {
    const name = content === null ? 'nope.json' : file('x.json', content);
    const r = await cli('weights', method as string, name, '--json', 'w.json');
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain(words);
    expect(r.err.startsWith(name)).toBe(true);
    expect(existsSync(join(tmp.dir, 'w.json'))).toBe(false);
  });

  it('reads a file saved with a byte-order mark (Windows Notepad) and numbers written as text', async () => {
    const name = file(
      'bom.json',
      `\uFEFF${JSON.stringify({
        directions: ['+', '-'],
        matrix: [
          ['1,200', '３'],
          [800, 5],
          [1000, 4],
        ],
      })}`,
    );
    const r = await cli('weights', 'entropy', name);
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.done);
  });

  it.each([
    [['weights']],
    [['weights', 'topsis', 'x.json']],
    [['weights', 'ahp']],
    [['weights', 'ahp', 'a.json', 'b.json']],
    [['weights', 'ahp', 'a.json', '--bogus']],
    [['weights', 'ahp', 'a.json', '--json']],
    [['weights', 'ahp', 'a.json', '--json', '没有的文件夹/w.json']],
  ])('exits 2 with the usage for %j', async (argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('用法:');
    expect(r.err).toContain('appraisal weights ahp 判断矩阵.json [--json 权重.json]');
  });

  it('lists the weights commands in the help', async () => {
    const r = await cli('--help');
    expect(r.out).toContain('appraisal weights ahp 判断矩阵.json [--json 权重.json]');
    expect(r.out).toContain('appraisal weights entropy|critic 数据.json [--json 权重.json]');
  });
});
