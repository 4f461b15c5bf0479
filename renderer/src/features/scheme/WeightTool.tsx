import { CheckOutlined, DatabaseOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Segmented,
  Select,
  Slider,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CycleSummary, WeightData } from '../../../../shared/contract/api';
import type { Scheme } from '../../../../shared/domain/scheme';
import type { DerivationMethod, WeightChange, WeightScope } from '../../../../shared/domain/weight-plan';
import {
  DERIVATION_LABELS,
  decimalsOf,
  planWeights,
  weightScope,
} from '../../../../shared/domain/weight-plan';
import type { AhpResult, CriticVariant, EntropyVariant } from '../../../../shared/engine/weights/index';
import {
  AHP_MAX_SIZE,
  CR_LIMIT,
  ahp,
  ahpRefusal,
  combineAdditive,
  combineMultiplicative,
  criticWeights,
  entropyWeights,
  judgementText,
} from '../../../../shared/engine/weights/index';
import { useAction } from '../../api/hooks';

type Tab = 'ahp' | 'objective' | 'combined';
type Objective = 'entropy' | 'critic';
type Parameters = Record<string, number | string | boolean>;

/** Saaty's 1–9 scale, strongest first, then the reciprocals: what a cell of the matrix can hold. */
const SAATY = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];
const WORDS: Record<number, string> = {
  1: '同等重要',
  2: '介于同等与稍微重要之间',
  3: '稍微重要',
  4: '介于稍微与明显重要之间',
  5: '明显重要',
  6: '介于明显与强烈重要之间',
  7: '强烈重要',
  8: '介于强烈与极端重要之间',
  9: '极端重要',
};
const SHORT: Record<number, string> = {
  1: '同等重要',
  3: '稍微重要',
  5: '明显重要',
  7: '强烈重要',
  9: '极端重要',
};
const OPTIONS = SAATY.map((v) => {
  const k = Math.round(v >= 1 ? v : 1 / v);
  const word = SHORT[k] ?? '中间值';
  return {
    value: v,
    label: (
      <span>
        <b style={{ display: 'inline-block', minWidth: 30 }}>{judgementText(v)}</b>
        <Typography.Text type="secondary">{v >= 1 ? word : `列指标${word}`}</Typography.Text>
      </span>
    ),
  };
});

const ENTROPY_VARIANTS: { value: EntropyVariant; label: string }[] = [
  { value: 'minmax', label: '极差标准化（默认）' },
  { value: 'sum', label: '比重法（原始值）' },
];
const CRITIC_VARIANTS: { value: CriticVariant; label: string }[] = [
  { value: 'directional', label: '按方向（默认）' },
  { value: 'blind', label: '不分方向' },
];
const VARIANT_WORDS: Record<string, string> = {
  minmax: '极差标准化',
  sum: '比重法',
  directional: '按方向标准化',
  blind: '不分方向标准化',
};

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const num = (x: number, d = 6) => Number(x.toFixed(d));
const pairKey = (a: string, b: string) => `${a}|${b}`;

/** “A 与 B 相比”, as a sentence about the row and column indicators. */
function judgementSentence(row: string, col: string, v: number): string {
  if (v === 1) return `“${row}”与“${col}”同等重要`;
  const [strong, weak, k] = v > 1 ? [row, col, v] : [col, row, 1 / v];
  return `“${strong}”比“${weak}”${WORDS[Math.round(k)] ?? '重要'}（${judgementText(v)}）`;
}

/** A child's AHP share spread over its leaves as planWeights does: by their current points. */
function leafShares(scope: WeightScope, childShares: readonly number[]): number[] {
  const total = childShares.reduce((a, b) => a + b, 0);
  return scope.children.flatMap((c, k) =>
    c.leaves.map(
      (l) =>
        ((childShares[k] as number) / total) * (c.points > 0 ? l.points / c.points : 1 / c.leaves.length),
    ),
  );
}

/** What the preview shows and 应用 sends: the new points, how they were derived, and why not (if not). */
interface Derivation {
  method: DerivationMethod;
  plan: WeightChange[] | null;
  /** What the note starts with: the method and its parameters, in words. */
  summary: string;
  parameters: Parameters;
  /** Why nothing can be applied yet. */
  blocked: string | null;
}

/**
 * 权重工具: derives a scope's weights (the children of a node in one category) by AHP, entropy or
 * CRITIC, or a combination, previews the new points against the current ones, and applies them with
 * a note through `scheme:applyWeights`, which saves the scheme and records 调整权重 in the audit log.
 */
export function WeightTool(props: {
  scheme: Scheme;
  cycle: CycleSummary;
  cycles: CycleSummary[];
  onClose: () => void;
  /** After the new weights are stored: reload the scheme. */
  onApplied: () => void;
}) {
  const { scheme, cycle } = props;
  const { message } = App.useApp();
  const { run, busy } = useAction();
  const [category, setCategory] = useState(scheme.categories[0]?.code ?? '');
  const [parent, setParent] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('ahp');
  const [chosenDecimals, setDecimals] = useState(2);

  const scope = useMemo(() => weightScope(scheme, category, parent), [scheme, category, parent]);
  // never coarser than the scope's own total (12.5 points cannot be shared out in whole points)
  const decimals = Math.max(chosenDecimals, decimalsOf(scope.total));
  const scopeKey = `${category}|${parent ?? ''}`;
  const leaves = useMemo(() => scope.children.flatMap((c) => c.leaves), [scope]);
  const names = scope.children.map((c) => c.name);

  // the nodes whose children can be weighted in this category: two leaves or more under them
  const parents = useMemo(() => {
    const nodes = scheme.indicators.filter((i) => i.method === null);
    return [
      { value: '', label: '全部一级指标', count: weightScope(scheme, category, null).children.length },
      ...nodes.map((n) => ({
        value: n.code,
        label: `${n.code} ${n.name} 的下级指标`,
        count: weightScope(scheme, category, n.code).children.flatMap((c) => c.leaves).length,
      })),
    ].filter((o) => o.value === '' || o.count >= 2);
  }, [scheme, category]);

  // --- AHP: judgements above the diagonal, by pair of child codes (kept while switching scopes)
  const [judgements, setJudgements] = useState<Record<string, number>>({});
  const n = scope.children.length;
  const judgement = (i: number, j: number): number => {
    const a = scope.children[i]?.code as string;
    const b = scope.children[j]?.code as string;
    return i === j ? 1 : i < j ? (judgements[pairKey(a, b)] ?? 1) : 1 / (judgements[pairKey(b, a)] ?? 1);
  };
  const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => judgement(i, j)));
  const matrixKey = JSON.stringify(matrix);
  const ahpOutcome = useMemo(
    () => (n >= 2 && n <= AHP_MAX_SIZE ? ahp(JSON.parse(matrixKey) as number[][]) : null),
    [matrixKey, n],
  );
  const ahpResult: AhpResult | null = ahpOutcome?.ok ? ahpOutcome.result : null;
  const refusal = ahpResult ? ahpRefusal(ahpResult, names, { upperOnly: true }) : null;

  // --- entropy / CRITIC: the data read for a scope from a source cycle
  const [objective, setObjective] = useState<Objective>('entropy');
  const [entropyVariant, setEntropyVariant] = useState<EntropyVariant>('minmax');
  const [criticVariant, setCriticVariant] = useState<CriticVariant>('directional');
  const previous = props.cycles.some((c) => c.id === cycle.previousCycleId) ? cycle.previousCycleId : null;
  const [sourceId, setSourceId] = useState<number>(previous ?? cycle.id);
  const [data, setData] = useState<{ key: string; sourceId: number; value: WeightData } | null>(null);
  const [dataError, setDataError] = useState<{ key: string; message: string } | null>(null);
  const current = data && data.key === scopeKey ? data : null;
  const dataMatches =
    current !== null &&
    current.value.indicators.length === leaves.length &&
    current.value.indicators.every((d, k) => d.code === leaves[k]?.code);
  const variant = objective === 'entropy' ? entropyVariant : criticVariant;
  const objOutcome = useMemo(() => {
    if (!current || !dataMatches) return null;
    const x = current.value.rows.map((r) => r.values);
    const dirs = current.value.indicators.map((d) => d.direction);
    const labels = current.value.indicators.map((d) => d.name);
    if (objective === 'entropy') {
      const r = entropyWeights(x, dirs, entropyVariant, labels);
      return r.ok
        ? { ok: true as const, weights: r.result.weights, a: r.result.entropies, b: r.result.divergences }
        : { ok: false as const, problems: r.problems.map((p) => p.message) };
    }
    const r = criticWeights(x, dirs, criticVariant, labels);
    return r.ok
      ? { ok: true as const, weights: r.result.weights, a: r.result.sigmas, b: r.result.information }
      : { ok: false as const, problems: r.problems.map((p) => p.message) };
  }, [current, dataMatches, objective, entropyVariant, criticVariant]);
  const objWeights = objOutcome?.ok ? objOutcome.weights : null;

  const readData = async () => {
    const key = scopeKey;
    const r = await run(
      'weights:data',
      { cycleId: cycle.id, sourceCycleId: sourceId, category, parent },
      { quiet: ['INVALID_INPUT', 'NOT_FOUND'] },
    );
    if ('value' in r) {
      setData({ key, sourceId, value: r.value });
      setDataError(null);
    } else {
      setData(null);
      setDataError({ key, message: r.error.message });
    }
  };

  // --- combination: AHP's child shares spread to leaves, with the objective leaf weights
  const [mode, setMode] = useState<'additive' | 'multiplicative'>('additive');
  const [alpha, setAlpha] = useState(0.5);
  const subjective = ahpResult?.consistent ? leafShares(scope, ahpResult.weights) : null;
  const combined =
    subjective && objWeights
      ? mode === 'additive'
        ? combineAdditive(subjective, objWeights, alpha)
        : combineMultiplicative(subjective, objWeights)
      : null;

  // --- what the active tab derives
  const source = current
    ? (props.cycles.find((c) => c.id === current.sourceId)?.name ?? current.value.source)
    : '';
  const ahpText = ahpResult
    ? `CR = ${ahpResult.CR.toFixed(3)}，λmax = ${ahpResult.lambdaMax.toFixed(3)}`
    : '';
  const objText = current
    ? `${VARIANT_WORDS[variant]}，${source}数据，${current.value.rows.length} 个单位`
    : '';
  const objLabel = DERIVATION_LABELS[objective];
  const ahpParams = (): Parameters =>
    ahpResult
      ? {
          CR: num(ahpResult.CR),
          CI: num(ahpResult.CI),
          lambdaMax: num(ahpResult.lambdaMax),
          size: n,
          judgements: scope.children
            .flatMap((c, i) =>
              scope.children
                .slice(i + 1)
                .map((d, k) => `${c.code}/${d.code}=${judgementText(judgement(i, i + 1 + k))}`),
            )
            .join(' '),
        }
      : {};
  const objParams = (): Parameters =>
    current
      ? {
          objective,
          variant,
          sourceCycle: source,
          sourceCycleId: current.sourceId,
          units: current.value.rows.length,
          dropped: current.value.dropped.length,
        }
      : {};
  const plan = (shares: readonly number[] | null, per: 'child' | 'leaf'): WeightChange[] | null =>
    shares && shares.reduce((a, b) => a + b, 0) > 0 ? planWeights(scope, shares, per, decimals) : null;

  const derivation: Derivation =
    tab === 'ahp'
      ? {
          method: 'ahp',
          plan: ahpResult?.consistent ? plan(ahpResult.weights, 'child') : null,
          summary: `${DERIVATION_LABELS.ahp}（${ahpText}）`,
          parameters: { ...ahpParams(), decimals },
          blocked:
            n < 2
              ? '该范围只有一个下级指标，无法两两比较'
              : !ahpResult
                ? '判断矩阵有误'
                : !ahpResult.consistent
                  ? `判断矩阵未通过一致性检验（CR ≥ ${CR_LIMIT}），不能应用`
                  : null,
        }
      : tab === 'objective'
        ? {
            method: objective,
            plan: plan(objWeights, 'leaf'),
            summary: `${objLabel}（${objText}）`,
            parameters: { ...objParams(), decimals },
            blocked: !current ? '请先读取数据' : !objWeights ? '数据无法定权' : null,
          }
        : {
            method: 'combined',
            plan: combined?.ok ? plan(combined.weights, 'leaf') : null,
            summary:
              mode === 'additive'
                ? `${DERIVATION_LABELS.combined}：${alpha} × ${DERIVATION_LABELS.ahp}（${ahpText}）+ ${num(1 - alpha, 4)} × ${objLabel}（${objText}）`
                : `${DERIVATION_LABELS.combined}（乘法合成）：${DERIVATION_LABELS.ahp}（${ahpText}）× ${objLabel}（${objText}）`,
            parameters: {
              ...ahpParams(),
              ...objParams(),
              combination: mode,
              ...(mode === 'additive' ? { alpha } : {}),
              decimals,
            },
            blocked: !subjective
              ? '请先完成层次分析法（须通过一致性检验）'
              : !objWeights
                ? '请先用熵权法或 CRITIC 法算出客观权重'
                : combined && !combined.ok
                  ? combined.message
                  : null,
          };

  // --- the note starts with the derivation in words; the operator adds where it came from
  const [note, setNote] = useState(derivation.summary);
  const lastSummary = useRef(derivation.summary);
  useEffect(() => {
    const before = lastSummary.current;
    lastSummary.current = derivation.summary;
    if (before !== derivation.summary)
      setNote((t) => (t.startsWith(before) ? derivation.summary + t.slice(before.length) : t));
  }, [derivation.summary]);
  const completed = note.trim() !== '' && note.trim() !== derivation.summary.trim();
  const unchanged = derivation.plan?.every((c) => c.after === c.before) ?? false;
  const reason =
    derivation.blocked ??
    (!derivation.plan
      ? '尚未得出新权重'
      : unchanged
        ? '新分值与当前分值相同，无需应用'
        : !completed
          ? '请在说明中补充这组权重的来历（如专家会议、日期）'
          : null);

  const apply = async () => {
    if (reason || !derivation.plan) return;
    const r = await run('scheme:applyWeights', {
      cycleId: cycle.id,
      category,
      parent,
      weights: derivation.plan.map((c) => ({ indicator: c.indicator, points: c.after })),
      derivation: { method: derivation.method, note: note.trim(), parameters: derivation.parameters },
    });
    if (!('value' in r)) return;
    void message.success(
      cycle.result === 'none' ? '权重已更新' : '权重已更新，原计算结果已过期，请重新计算',
      6,
    );
    props.onApplied();
  };

  const categoryName = scheme.categories.find((c) => c.code === category)?.name ?? category;
  const scopeName =
    parent === null ? '一级指标' : `“${scheme.indicators.find((i) => i.code === parent)?.name}”的下级指标`;

  return (
    <Modal
      open
      title="权重工具"
      width="min(1320px, calc(100vw - 32px))"
      style={{ top: 12, paddingBottom: 0 }}
      maskClosable={false}
      onCancel={props.onClose}
      styles={{
        body: { height: 'calc(100vh - 168px)', minHeight: 420, display: 'flex', flexDirection: 'column' },
      }}
      footer={
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <label htmlFor="weight-note" style={{ whiteSpace: 'nowrap' }}>
            说明
          </label>
          <Input
            id="weight-note"
            value={note}
            maxLength={1000}
            status={derivation.plan && !completed ? 'warning' : undefined}
            placeholder="这组权重的来历，如：2025年3月考核委员会专家会议确定"
            onChange={(e) => setNote(e.target.value)}
            style={{ flex: 1 }}
          />
          {reason && (
            <Typography.Text type="secondary" style={{ maxWidth: 320, textAlign: 'left', fontSize: 12 }}>
              {reason}
            </Typography.Text>
          )}
          <Button onClick={props.onClose}>关闭</Button>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={reason !== null}
            loading={busy}
            onClick={() => void apply()}
          >
            应用新权重
          </Button>
        </div>
      }
    >
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label="考核类别" htmlFor="weight-category">
          <Select
            id="weight-category"
            value={category}
            style={{ width: 180 }}
            options={scheme.categories.map((c) => ({ value: c.code, label: c.name }))}
            onChange={(v) => {
              setCategory(v);
              // a node without two leaves in the new category has nothing to weight there
              if (
                parent !== null &&
                weightScope(scheme, v, parent).children.flatMap((c) => c.leaves).length < 2
              )
                setParent(null);
            }}
          />
        </Form.Item>
        <Form.Item label="赋权范围" htmlFor="weight-parent">
          <Select
            id="weight-parent"
            value={parent ?? ''}
            style={{ width: 240 }}
            options={parents.map((p) => ({ value: p.value, label: p.label }))}
            onChange={(v) => setParent(v === '' ? null : v)}
          />
        </Form.Item>
        <Form.Item>
          <Typography.Text type="secondary">
            {categoryName}的{scopeName}：{n} 个，其下计分指标 {leaves.length} 个，合计 {num(scope.total)}{' '}
            分（调整后不变）
          </Typography.Text>
        </Form.Item>
      </Form>
      <div style={{ display: 'flex', gap: 16, flex: 1, minHeight: 0 }}>
        <div style={{ flex: '1 1 58%', minWidth: 0, overflow: 'auto' }}>
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as Tab)}
            size="small"
            items={[
              {
                key: 'ahp',
                label: '层次分析法',
                children: (
                  <AhpTab
                    scope={scope}
                    judgement={judgement}
                    result={ahpResult}
                    problems={ahpOutcome && !ahpOutcome.ok ? ahpOutcome.problems.map((p) => p.message) : []}
                    refusal={refusal}
                    onJudge={(i, j, v) => {
                      const a = scope.children[i]?.code as string;
                      const b = scope.children[j]?.code as string;
                      setJudgements((m) => ({ ...m, [pairKey(a, b)]: v }));
                    }}
                  />
                ),
              },
              {
                key: 'objective',
                label: '熵权法 / CRITIC',
                children: (
                  <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                    <Form layout="inline" style={{ rowGap: 8 }}>
                      <Form.Item label="方法">
                        <Radio.Group
                          optionType="button"
                          value={objective}
                          onChange={(e) => setObjective(e.target.value as Objective)}
                          options={[
                            { value: 'entropy', label: '熵权法' },
                            { value: 'critic', label: 'CRITIC 法' },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item label="标准化" htmlFor="weight-variant">
                        {objective === 'entropy' ? (
                          <Select
                            id="weight-variant"
                            value={entropyVariant}
                            style={{ width: 170 }}
                            options={ENTROPY_VARIANTS}
                            onChange={setEntropyVariant}
                          />
                        ) : (
                          <Select
                            id="weight-variant"
                            value={criticVariant}
                            style={{ width: 170 }}
                            options={CRITIC_VARIANTS}
                            onChange={setCriticVariant}
                          />
                        )}
                      </Form.Item>
                      <Form.Item label="数据来源" htmlFor="weight-source">
                        <Select
                          id="weight-source"
                          value={sourceId}
                          style={{ width: 200 }}
                          options={props.cycles.map((c) => ({
                            value: c.id,
                            label: `${c.name}${c.id === cycle.id ? '（本周期）' : c.id === previous ? '（上一周期）' : ''}`,
                          }))}
                          onChange={setSourceId}
                        />
                      </Form.Item>
                      <Form.Item>
                        <Button icon={<DatabaseOutlined />} loading={busy} onClick={() => void readData()}>
                          读取数据
                        </Button>
                      </Form.Item>
                    </Form>
                    <ObjectiveView
                      data={current?.value ?? null}
                      stale={current !== null && !dataMatches}
                      error={dataError?.key === scopeKey ? dataError.message : null}
                      objective={objective}
                      outcome={objOutcome}
                    />
                  </Space>
                ),
              },
              {
                key: 'combined',
                label: '组合赋权',
                children: (
                  <CombinedView
                    scope={scope}
                    subjective={subjective}
                    objective={objWeights}
                    objectiveLabel={objLabel}
                    mode={mode}
                    alpha={alpha}
                    combined={combined}
                    onMode={setMode}
                    onAlpha={setAlpha}
                  />
                ),
              },
            ]}
          />
        </div>
        <div style={{ flex: '1 1 42%', minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <Preview
            scope={scope}
            plan={derivation.plan}
            title={`预览：${DERIVATION_LABELS[derivation.method]}`}
            decimals={decimals}
            onDecimals={setDecimals}
            empty={derivation.blocked ?? '尚未得出新权重'}
          />
        </div>
      </div>
    </Modal>
  );
}

/** The pairwise comparison matrix of the scope's children, with live λmax, CI, CR and weights. */
function AhpTab(props: {
  scope: WeightScope;
  judgement: (i: number, j: number) => number;
  result: AhpResult | null;
  problems: string[];
  refusal: string | null;
  onJudge: (i: number, j: number, v: number) => void;
}) {
  const { scope, result: r } = props;
  const n = scope.children.length;
  if (n < 2)
    return (
      <Alert
        type="info"
        showIcon
        title="该范围只有一个下级指标，无需两两比较：可改选赋权范围，或用熵权法 / CRITIC 对其下的计分指标赋权"
      />
    );
  if (n > AHP_MAX_SIZE)
    return (
      <Alert
        type="info"
        showIcon
        title={`该范围有 ${n} 个下级指标，超过层次分析法的 ${AHP_MAX_SIZE} 阶：请把指标分组后分层比较`}
      />
    );
  const worst = r && !r.consistent ? r.worstPair : null;
  const isWorst = (i: number, j: number) =>
    worst !== null && ((worst.i === i && worst.j === j) || (worst.i === j && worst.j === i));
  const rows = scope.children.map((c, i) => ({ ...c, i }));
  const short = (name: string) => (name.length > 6 ? `${name.slice(0, 6)}…` : name);

  return (
    <Space orientation="vertical" size={10} style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        行指标与列指标相比：1 同等重要，3 稍微重要，5 明显重要，7 强烈重要，9 极端重要，2、4、6、8
        介于两者之间；1/3、1/5 等表示列指标更重要。只填右上半部分，左下半部分自动取倒数。
      </Typography.Text>
      <Table
        size="small"
        bordered
        rowKey="code"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 150 + n * 100 + 80 }}
        columns={[
          {
            title: '行 \\ 列',
            fixed: 'left',
            width: 150,
            render: (_, c) => <CodeName item={c} />,
          },
          ...scope.children.map((col, j) => ({
            title: (
              <Tooltip title={`${col.code} ${col.name}`}>
                <span>{short(col.name)}</span>
              </Tooltip>
            ),
            key: col.code,
            width: 100,
            align: 'center' as const,
            onCell: (row: (typeof rows)[number]) => ({
              className: isWorst(row.i, j) ? 'ahp-worst' : undefined,
              style: isWorst(row.i, j)
                ? { background: '#fff1f0', boxShadow: 'inset 0 0 0 2px #cf1322' }
                : row.i > j
                  ? { background: '#fafafa' }
                  : undefined,
            }),
            render: (_: unknown, row: (typeof rows)[number]) => {
              const v = props.judgement(row.i, j);
              if (row.i === j) return <Typography.Text type="secondary">1</Typography.Text>;
              if (row.i > j)
                return (
                  <Tooltip title={judgementSentence(row.name, col.name, v)}>
                    <Typography.Text type="secondary" aria-label={`${row.name} 与 ${col.name} 相比`}>
                      {judgementText(v)}
                    </Typography.Text>
                  </Tooltip>
                );
              return (
                <Select
                  aria-label={`${row.name} 与 ${col.name} 相比`}
                  title={judgementSentence(row.name, col.name, v)}
                  size="small"
                  value={SAATY.find((s) => Math.abs(s - v) < 1e-9) ?? v}
                  style={{ width: 76 }}
                  popupMatchSelectWidth={170}
                  // 17 options: all in the list, so a reciprocal is found by scrolling or typing
                  virtual={false}
                  options={OPTIONS}
                  labelRender={(o) => judgementText(Number(o.value))}
                  onChange={(x: number) => props.onJudge(row.i, j, x)}
                />
              );
            },
          })),
          {
            title: '权重',
            key: 'weight',
            width: 80,
            align: 'right' as const,
            render: (_: unknown, row: (typeof rows)[number]) =>
              r ? <b>{pct(r.weights[row.i] as number)}</b> : '—',
          },
        ]}
      />
      {r && (
        <Space wrap size={16} aria-label="一致性检验">
          <span>λmax = {r.lambdaMax.toFixed(4)}</span>
          <span>CI = {r.CI.toFixed(4)}</span>
          <span>
            CR = <b style={{ color: r.consistent ? undefined : '#cf1322' }}>{r.CR.toFixed(4)}</b>
          </span>
          {r.consistent ? (
            <Tag color="success">通过一致性检验（CR &lt; {CR_LIMIT}）</Tag>
          ) : (
            <Tag color="error">未通过一致性检验</Tag>
          )}
        </Space>
      )}
      {props.refusal && (
        <Alert
          type="error"
          showIcon
          title={props.refusal}
          description="未通过一致性检验的判断矩阵不能应用。"
        />
      )}
      {props.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title="判断矩阵有误"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {props.problems.slice(0, 10).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}

type ObjectiveOutcomeView =
  { ok: true; weights: number[]; a: number[]; b: number[] } | { ok: false; problems: string[] } | null;

/** The data read for entropy or CRITIC: units used and left out, then the weights or the refusal. */
function ObjectiveView(props: {
  data: WeightData | null;
  stale: boolean;
  error: string | null;
  objective: Objective;
  outcome: ObjectiveOutcomeView;
}) {
  const { data, outcome } = props;
  if (props.error) return <Alert type="error" showIcon title={props.error} />;
  if (!data)
    return (
      <Typography.Text type="secondary">
        选择数据来源后点击“读取数据”：按所选周期各单位在本范围计分指标上的数据（评议、满意度取其得分率）计算客观权重。
      </Typography.Text>
    );
  if (props.stale) return <Alert type="warning" showIcon title="方案已有改动，请重新读取数据" />;
  const entropy = props.objective === 'entropy';
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text>
        数据来自“{data.source}”：使用 {data.rows.length} 个单位
        {data.dropped.length > 0 ? `，${data.dropped.length} 个单位缺数据未用` : ''}。
      </Typography.Text>
      {data.dropped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="以下单位缺少数据，未参与计算"
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 96, overflow: 'auto' }}>
              {data.dropped.map((d) => (
                <li key={d.code}>
                  {d.name}：缺{' '}
                  {d.missing.map((m) => data.indicators.find((i) => i.code === m)?.name ?? m).join('、')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {outcome && !outcome.ok && (
        <Alert
          type="error"
          showIcon
          title="无法按这些数据定权"
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 120, overflow: 'auto' }}>
              {outcome.problems.slice(0, 10).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      {outcome?.ok && (
        <Table
          size="small"
          bordered
          rowKey="code"
          pagination={false}
          dataSource={data.indicators.map((d, k) => ({ ...d, k }))}
          columns={[
            {
              title: '指标',
              render: (_, d) => <CodeName item={d} />,
            },
            {
              title: '方向',
              width: 60,
              align: 'center',
              render: (_, d) => (d.direction === '+' ? '正向' : '逆向'),
            },
            {
              title: entropy ? '信息熵 e' : '标准差 σ',
              width: 90,
              align: 'right',
              render: (_, d) => (outcome.a[d.k] as number).toFixed(4),
            },
            {
              title: entropy ? '差异系数 d' : '信息量 C',
              width: 90,
              align: 'right',
              render: (_, d) => (outcome.b[d.k] as number).toFixed(4),
            },
            {
              title: '权重',
              width: 90,
              align: 'right',
              render: (_, d) => <b>{pct(outcome.weights[d.k] as number)}</b>,
            },
          ]}
        />
      )}
    </Space>
  );
}

/** 组合赋权: AHP's shares (spread to the leaves) with the objective weights, additive or multiplicative. */
function CombinedView(props: {
  scope: WeightScope;
  subjective: number[] | null;
  objective: number[] | null;
  objectiveLabel: string;
  mode: 'additive' | 'multiplicative';
  alpha: number;
  combined: ReturnType<typeof combineAdditive> | null;
  onMode: (m: 'additive' | 'multiplicative') => void;
  onAlpha: (a: number) => void;
}) {
  const { subjective: s, objective: o, combined: c } = props;
  if (!s || !o)
    return (
      <Alert
        type="info"
        showIcon
        title="组合赋权需要同一范围的主观权重和客观权重"
        description={
          <>
            {!s && <div>· 在“层次分析法”中填好判断矩阵（须通过一致性检验）；</div>}
            {!o && <div>· 在“熵权法 / CRITIC”中读取数据并算出权重。</div>}
          </>
        }
      />
    );
  const leaves = props.scope.children.flatMap((x) => x.leaves);
  return (
    <Space orientation="vertical" size={10} style={{ width: '100%' }}>
      <Radio.Group
        value={props.mode}
        onChange={(e) => props.onMode(e.target.value as 'additive' | 'multiplicative')}
        options={[
          { value: 'additive', label: '线性组合：α × 主观 + (1 − α) × 客观' },
          { value: 'multiplicative', label: '乘法合成：主观 × 客观，再归一' },
        ]}
      />
      {props.mode === 'additive' && (
        <Space align="center" style={{ width: '100%' }}>
          <label htmlFor="weight-alpha" style={{ whiteSpace: 'nowrap' }}>
            α（主观权重占比）
          </label>
          <Slider
            min={0}
            max={1}
            step={0.05}
            value={props.alpha}
            onChange={props.onAlpha}
            style={{ width: 260 }}
          />
          <InputNumber
            id="weight-alpha"
            min={0}
            max={1}
            step={0.05}
            value={props.alpha}
            onChange={(v) => typeof v === 'number' && props.onAlpha(v)}
            style={{ width: 80 }}
          />
        </Space>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        层次分析法的权重按各下级指标现有分值的比例分到其计分指标上，再与{props.objectiveLabel}的权重组合。
      </Typography.Text>
      {c && !c.ok && <Alert type="error" showIcon title={c.message} />}
      <Table
        size="small"
        bordered
        rowKey="code"
        pagination={false}
        dataSource={leaves.map((l, k) => ({ ...l, k }))}
        columns={[
          {
            title: '指标',
            render: (_, l) => <CodeName item={l} />,
          },
          {
            title: '主观（层次分析法）',
            width: 160,
            align: 'right',
            render: (_, l) => pct(s[l.k] as number),
          },
          {
            title: `客观（${props.objectiveLabel}）`,
            width: 150,
            align: 'right',
            render: (_, l) => pct(o[l.k] as number),
          },
          {
            title: '组合',
            width: 90,
            align: 'right',
            render: (_, l) => (c?.ok ? <b>{pct(c.weights[l.k] as number)}</b> : '—'),
          },
        ]}
      />
    </Space>
  );
}

interface PreviewRow {
  key: string;
  code: string;
  name: string;
  before: number;
  after: number | null;
  /** A child of the scope standing for its leaves (its points are their sum). */
  group: boolean;
  depth: number;
}

/** 新旧分值对比: the scope's leaves (under their child when it has several) before and after. */
function Preview(props: {
  scope: WeightScope;
  plan: WeightChange[] | null;
  title: string;
  decimals: number;
  onDecimals: (d: number) => void;
  empty: string;
}) {
  const { scope, plan, decimals } = props;
  const after = new Map(plan?.map((c) => [c.indicator, c.after]));
  const rows: PreviewRow[] = scope.children.flatMap((c) => {
    const leafRows = c.leaves.map((l) => ({
      key: l.code,
      code: l.code,
      name: l.name,
      before: l.points,
      after: after.get(l.code) ?? null,
      group: false,
      depth: 0,
    }));
    if (c.leaves.length === 1 && c.leaves[0]?.code === c.code) return leafRows;
    const sum = plan ? num(c.leaves.reduce((a, l) => a + (after.get(l.code) ?? 0), 0)) : null;
    return [
      { key: `#${c.code}`, code: c.code, name: c.name, before: c.points, after: sum, group: true, depth: 0 },
      ...leafRows.map((r) => ({ ...r, depth: 1 })),
    ];
  });
  const total = plan ? num(plan.reduce((a, c) => a + c.after, 0)) : null;
  const fmt = (x: number) => String(num(x));
  const delta = (r: PreviewRow) => {
    if (r.after === null) return '';
    const d = num(r.after - r.before);
    return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0';
  };

  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }} wrap>
        <Typography.Text strong>{props.title}</Typography.Text>
        <Space size={6}>
          <Typography.Text type="secondary">小数位</Typography.Text>
          <Segmented
            size="small"
            aria-label="小数位"
            value={decimals}
            onChange={(v) => props.onDecimals(v)}
            options={[
              { value: 0, label: '整数' },
              { value: 1, label: '1 位' },
              { value: 2, label: '2 位' },
            ].map((o) => ({ ...o, disabled: o.value < decimalsOf(scope.total) }))}
          />
        </Space>
      </Space>
      {!plan && <Alert type="info" showIcon title={props.empty} style={{ marginBottom: 8 }} />}
      <Table<PreviewRow>
        size="small"
        bordered
        rowKey="key"
        pagination={false}
        dataSource={rows}
        aria-label="新旧分值对比"
        scroll={{ y: 'calc(100vh - 440px)' }}
        onRow={(r) => ({ style: r.group ? { background: '#fafafa', fontWeight: 600 } : undefined })}
        columns={[
          {
            title: '指标',
            render: (_, r) => <CodeName item={r} indent={r.depth * 16} />,
          },
          { title: '当前分值', width: 86, align: 'right', render: (_, r) => fmt(r.before) },
          {
            title: '新分值',
            width: 80,
            align: 'right',
            render: (_, r) => (r.after === null ? '—' : r.group ? fmt(r.after) : r.after.toFixed(decimals)),
          },
          {
            title: '变化',
            width: 76,
            align: 'right',
            render: (_, r) => {
              const d = delta(r);
              return (
                <span
                  style={{ color: d.startsWith('+') ? '#389e0d' : d.startsWith('−') ? '#cf1322' : undefined }}
                >
                  {d}
                </span>
              );
            },
          },
        ]}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <b>合计</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <b>{fmt(scope.total)}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <b aria-label="新分值合计">{total === null ? '—' : fmt(total)}</b>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {total === null ? '' : fmt(total - scope.total)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </>
  );
}

/** An indicator as code and name, the code in the monospace face (indented by depth in a tree). */
function CodeName({ item, indent = 0 }: { item: { code: string; name: string }; indent?: number }) {
  return (
    <span style={indent > 0 ? { paddingLeft: indent } : undefined}>
      <span className="mono">{item.code}</span> {item.name}
    </span>
  );
}
