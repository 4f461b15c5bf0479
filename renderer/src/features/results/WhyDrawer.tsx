import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { pointsLost, targetVsCategory } from '../../../../shared/charts/results';
import { METHOD_LABELS, MISSING_LABELS } from '../../../../shared/domain/method';
import type { ComputeResult } from '../../../../shared/domain/result';
import type { Scheme } from '../../../../shared/domain/scheme';
import { formatFixed } from '../../../../shared/engine/round';
import { scoreCard } from '../../../../shared/report/score-card';
import { LossChart, VersusChart } from './charts';

const plain = (x: number | null, d = 4) => (x === null ? '—' : String(Math.round(x * 10 ** d) / 10 ** d));

/** 得分说明: why a unit stands where it does — ranks, gap to safety, where it lost, every leaf, its items. */
export function WhyDrawer(props: {
  result: ComputeResult;
  scheme: Scheme;
  target: string;
  onClose: () => void;
  /** 打印明细: this unit's score card as printed (absent while the result is stale). */
  onPrint?: (target: { code: string; name: string }) => void;
}) {
  const { result: r, scheme } = props;
  const t = r.targets.find((x) => x.code === props.target);
  const names = useMemo(() => new Map(scheme.indicators.map((i) => [i.code, i.name])), [scheme]);
  if (!t) return null;
  const p = r.cycle.precision;
  const card = scoreCard(r, scheme, t);
  const leaves = card.leaves;
  const category = scheme.categories.find((c) => c.code === t.category)?.name ?? t.category;

  return (
    <Drawer
      open
      size={760}
      title={`得分说明：${t.name}（${category}）`}
      onClose={props.onClose}
      extra={
        props.onPrint && (
          <Button icon={<PrinterOutlined />} onClick={() => props.onPrint?.({ code: t.code, name: t.name })}>
            打印明细
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={3}>
          <Descriptions.Item label="总分">
            <b>{formatFixed(t.total, p)}</b>
          </Descriptions.Item>
          <Descriptions.Item label="加分">{formatFixed(t.bonus, p)}</Descriptions.Item>
          <Descriptions.Item label="扣分">{formatFixed(t.deduction, p)}</Descriptions.Item>
        </Descriptions>
        {t.exemptReason && <Alert type="info" showIcon title={`免于排名：${t.exemptReason}`} />}
        {card.standings.map((st) => (
          <Alert
            key={st.group}
            type={st.bottom ? 'error' : 'info'}
            showIcon
            title={st.text}
            description={st.gap ?? undefined}
          />
        ))}
        {card.worst.leaves.length > 0 && (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {card.worst.basis === 'median'
              ? '失分最多的指标（与同类中位数相比）：'
              : '失分最多的指标（与满分相比）：'}
            {card.worst.leaves.map((l) => (
              <Tag key={l.code} color="error" style={{ marginBottom: 4 }}>
                {l.name} 少 {l.lost} 分
              </Tag>
            ))}
          </Typography.Paragraph>
        )}
        <div>
          <Typography.Text strong>一级指标：本单位与同类平均</Typography.Text>
          <VersusChart rows={targetVsCategory(r, scheme, t)} target={t.name} />
        </div>
        <div>
          <Typography.Text strong>失分最多的指标</Typography.Text>
          <LossChart rows={pointsLost(r, t, names, 8)} />
        </div>
        <Table
          size="small"
          rowKey="indicator"
          pagination={false}
          dataSource={leaves}
          columns={[
            { title: '指标', render: (_, l) => `${l.indicator} ${names.get(l.indicator) ?? ''}` },
            {
              title: '计分方法',
              width: 120,
              render: (_, l) =>
                METHOD_LABELS[l.method] + (l.imputed ? `（缺失，${MISSING_LABELS[l.imputed]}）` : ''),
            },
            { title: '分值', width: 56, align: 'right', render: (_, l) => plain(l.weight, 2) },
            { title: '原始值', width: 80, align: 'right', render: (_, l) => plain(l.raw) },
            { title: '得分', width: 64, align: 'right', render: (_, l) => formatFixed(l.points, p) },
            { title: '类别中位数', width: 92, align: 'right', render: (_, l) => formatFixed(l.median, p) },
            {
              title: '较中位数',
              width: 72,
              align: 'right',
              render: (_, l) => (
                <span style={{ color: l.lostVsMedian > 0 ? '#cf1322' : undefined }}>
                  {formatFixed(-l.lostVsMedian, p)}
                </span>
              ),
            },
          ]}
        />
        {t.adjustments.map((a) => (
          <div key={a.indicator}>
            <Typography.Text strong>
              {a.kind === 'bonus' ? '加分' : '扣分'}（{names.get(a.indicator) ?? a.indicator}）：合计{' '}
              {plain(a.sum)}，上限 {plain(a.cap)}，计 {plain(a.applied)}
            </Typography.Text>
            <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
              {a.items.map((it, k) => (
                <li key={k}>
                  <b style={{ marginRight: 12 }}>{plain(it.points)} 分</b>
                  {it.reason}
                  {it.docNo ? `（${it.docNo}）` : ''}
                </li>
              ))}
            </ul>
          </div>
        ))}
        {t.vetoItems.length > 0 && (
          <Alert
            type="error"
            showIcon
            title="一票否决"
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {t.vetoItems.map((it, k) => (
                  <li key={k}>
                    {it.reason}
                    {it.docNo ? `（${it.docNo}）` : ''}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </Space>
    </Drawer>
  );
}
