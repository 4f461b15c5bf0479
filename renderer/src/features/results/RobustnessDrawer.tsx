import { ExperimentOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Drawer,
  Form,
  InputNumber,
  Progress,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type {
  RobustnessEntry,
  RobustnessGroup,
  SensitivityResult,
} from '../../../../shared/engine/sensitivity';
import {
  DEFAULT_SENSITIVITY,
  MAX_DRAWS,
  ROBUST_FLAGGED_BELOW,
  ROBUST_UNFLAGGED_ABOVE,
  percentText,
  robustnessWarning,
} from '../../../../shared/engine/sensitivity';
import { bottomLabel } from '../../../../shared/report/format';
import { useAction } from '../../api/hooks';
import { useTask } from '../../api/tasks';

/** A share of draws as a percentage: 100% and 0% exactly, else never across a warning's threshold. */
const percent = (p: number) => (p === 1 ? '100%' : p === 0 ? '0%' : percentText(p));
const WARNING_LABELS = { fragile: '稳健性不足', atRisk: '有进入末位风险' } as const;

/**
 * 稳健性分析: how a result's bottom-N verdicts hold when every weight moves by up to ±δ — the
 * probability of each unit being in the bottom N and 优秀 over seeded Monte Carlo draws, and its
 * 5%–95% rank range (SPEC §5). The analysis runs in main's background thread on the stored,
 * up-to-date result; its progress is shown, and 取消 stops it between draws.
 */
export function RobustnessDrawer(props: { cycleId: number; onClose: () => void }) {
  const { run, busy } = useAction();
  const [draws, setDraws] = useState<number>(DEFAULT_SENSITIVITY.draws);
  const [delta, setDelta] = useState<number>(DEFAULT_SENSITIVITY.delta * 100);
  const [seed, setSeed] = useState<number>(DEFAULT_SENSITIVITY.seed);
  const [result, setResult] = useState<SensitivityResult | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const job = useTask();

  const start = async () => {
    setFailed(null);
    setCancelled(false);
    const task = job.begin();
    const r = await run(
      'result:sensitivity',
      { cycleId: props.cycleId, draws, delta: Number((delta / 100).toFixed(4)), seed, task },
      { quiet: ['RESULT_STALE', 'NOT_FOUND', 'INVALID_INPUT', 'CANCELLED'] },
    );
    job.end(task);
    if ('value' in r) setResult(r.value);
    // a cancelled analysis leaves the last one shown: nothing changed
    else if (r.error.code === 'CANCELLED') setCancelled(true);
    else {
      setResult(null);
      setFailed(r.error.message);
    }
  };
  const shownDelta = result ? Number((result.delta * 100).toFixed(2)) : delta;
  const label = bottomLabel(result?.bottomN ?? 3);

  return (
    <Drawer open size={980} title="稳健性分析：末位结论对权重是否敏感" onClose={props.onClose}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Form
          layout="inline"
          style={{ rowGap: 8 }}
          disabled={busy}
          onFinish={() => void start()}
          aria-label="分析参数"
        >
          <Form.Item label="抽样次数" htmlFor="robust-draws">
            <InputNumber
              id="robust-draws"
              min={100}
              max={MAX_DRAWS}
              step={1000}
              precision={0}
              value={draws}
              onChange={(v) => typeof v === 'number' && setDraws(v)}
              style={{ width: 120 }}
            />
          </Form.Item>
          <Form.Item label="扰动幅度 ±δ" htmlFor="robust-delta">
            <InputNumber
              id="robust-delta"
              min={1}
              max={50}
              step={5}
              precision={1}
              suffix="%"
              value={delta}
              onChange={(v) => typeof v === 'number' && setDelta(v)}
              style={{ width: 110 }}
            />
          </Form.Item>
          <Form.Item label="随机种子" htmlFor="robust-seed">
            <InputNumber
              id="robust-seed"
              min={0}
              max={2 ** 31 - 1}
              precision={0}
              value={seed}
              onChange={(v) => typeof v === 'number' && setSeed(v)}
              style={{ width: 130 }}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={busy}>
              开始分析
            </Button>
          </Form.Item>
        </Form>
        {failed && <Alert type="error" showIcon title={failed} />}
        {job.running && (
          <div role="status" aria-label="分析进度" style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>
              {job.cancelling ? '正在取消…' : `正在抽样计算（共 ${draws.toLocaleString('zh-CN')} 次）`}
            </Typography.Text>
            <Progress
              percent={Math.floor((job.progress?.fraction ?? 0) * 100)}
              status={job.cancelling ? 'normal' : 'active'}
              style={{ flex: 1, margin: 0 }}
            />
            <Button disabled={job.cancelling} onClick={job.cancel}>
              取消
            </Button>
          </div>
        )}
        {cancelled && (
          <Alert
            type="info"
            showIcon
            closable
            onClose={() => setCancelled(false)}
            title={result ? '已取消分析，下面仍是上一次的结果' : '已取消分析'}
          />
        )}
        {result && (
          <Spin spinning={busy}>
            <Typography.Text type="secondary">
              {`已抽样 ${result.draws.toLocaleString('zh-CN')} 次，扰动幅度 ±${shownDelta}%，随机种子 ${result.seed}。`}
            </Typography.Text>
            <Tabs
              size="small"
              items={result.groups.map((g) => {
                const warned = g.entries.filter((e) => robustnessWarning(e) !== null).length;
                return {
                  key: g.code,
                  label: (
                    <span>
                      {g.name}（{g.ranked}）
                      {warned > 0 && (
                        <Tag color="warning" style={{ marginLeft: 4 }}>
                          {warned}
                        </Tag>
                      )}
                    </span>
                  ),
                  children: <GroupView group={g} label={label} />,
                };
              })}
            />
          </Spin>
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
          {`做法：每次抽样将各类别每个计分指标的分值乘以 U(${num(1 - shownDelta / 100)}, ${num(1 + shownDelta / 100)}) ` +
            `的随机因子并按满分重新归一，按本周期的规则重新算出总分、名次、${label}和优秀；重复多次，统计每个单位进入${label}、` +
            `评为优秀的比例，以及名次的 5%–95% 区间。加分、扣分和一票否决不变；同一随机种子得到同一结果。` +
            `被标记的单位进入${label}的比例低于 ${ROBUST_FLAGGED_BELOW * 100}%，或未被标记的单位高于 ` +
            `${ROBUST_UNFLAGGED_ABOVE * 100}%，都会提示。`}
        </Typography.Paragraph>
      </Space>
    </Drawer>
  );
}

const num = (x: number) => String(Number(x.toFixed(4)));

/** One ranking group: the warnings first, then every ranked unit's fate over the draws. */
function GroupView(props: { group: RobustnessGroup; label: string }) {
  const { group: g, label } = props;
  const fragile = g.entries.filter((e) => robustnessWarning(e) === 'fragile');
  const atRisk = g.entries.filter((e) => robustnessWarning(e) === 'atRisk');
  const list = (es: RobustnessEntry[]) => es.map((e) => `${e.name}（${percent(e.pBottom)}）`).join('、');
  const flagged = g.entries.filter((e) => e.flagged).length;

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {fragile.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`稳健性不足：${list(fragile)} 被标记为${label}，但只在上述比例的抽样中仍居${label}（低于 ${ROBUST_FLAGGED_BELOW * 100}%），权重稍有变化结论就可能不同`}
        />
      )}
      {atRisk.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有进入末位风险：${list(atRisk)} 未被标记，但在上述比例的抽样中进入${label}（超过 ${ROBUST_UNFLAGGED_ABOVE * 100}%）`}
        />
      )}
      {fragile.length === 0 && atRisk.length === 0 && flagged > 0 && (
        <Alert
          type="success"
          showIcon
          title={`${label}结论稳健：被标记的单位在至少 ${ROBUST_FLAGGED_BELOW * 100}% 的抽样中仍居${label}，未标记的单位进入${label}的比例都不超过 ${ROBUST_UNFLAGGED_ABOVE * 100}%`}
        />
      )}
      {flagged === 0 && <Alert type="info" showIcon title={`本组没有被标记为${label}的单位`} />}
      <Table<RobustnessEntry>
        size="small"
        bordered
        rowKey="code"
        pagination={false}
        dataSource={g.entries}
        scroll={{ y: 'calc(100vh - 330px)' }}
        rowClassName={(e) => (e.flagged ? 'row-bottom' : '')}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60, align: 'center' },
          {
            title: '单位',
            render: (_, e) => {
              const w = robustnessWarning(e);
              return (
                <Space size={4} wrap>
                  <span>{e.name}</span>
                  {e.vetoed && <Tag color="error">一票否决</Tag>}
                  {w && <Tag color={w === 'fragile' ? 'error' : 'warning'}>{WARNING_LABELS[w]}</Tag>}
                </Space>
              );
            },
          },
          {
            title: '末位标记',
            width: 80,
            align: 'center',
            render: (_, e) => (e.flagged ? <span aria-label={label}>▲</span> : ''),
          },
          {
            title: `P(${label})`,
            width: 170,
            render: (_, e) => <Bar p={e.pBottom} color={e.flagged ? '#cf1322' : '#fa8c16'} />,
          },
          {
            title: 'P(优秀)',
            width: 150,
            render: (_, e) => <Bar p={e.pExcellent} color="#389e0d" />,
          },
          {
            title: '名次区间（5%–95%）',
            width: 160,
            align: 'center',
            render: (_, e) => (e.rankP5 === e.rankP95 ? String(e.rankP5) : `${e.rankP5}–${e.rankP95}`),
          },
        ]}
      />
    </Space>
  );
}

/** A probability as a number with a small bar behind it (the number alone survives grey printing). */
function Bar(props: { p: number; color: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <div style={{ flex: 1, height: 8, background: '#f0f0f0', borderRadius: 4, overflow: 'hidden' }}>
        <div style={{ width: `${props.p * 100}%`, height: '100%', background: props.color }} />
      </div>
      <span style={{ width: 48, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
        {percent(props.p)}
      </span>
    </div>
  );
}
