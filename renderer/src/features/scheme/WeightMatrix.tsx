import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Checkbox, InputNumber, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import type { Indicator } from '../../../../shared/domain/scheme';
import { METHOD_LABELS, isWeighted } from '../../../../shared/domain/method';
import { categorySums, depthOf, treeOrder, updateIndicator } from '../../../../shared/domain/scheme-edit';
import { toHalfWidth } from '../../../../shared/domain/text';
import type { EditorProps } from './SchemePage';

/**
 * 权重矩阵 (差异化权重): indicators down, categories across. Each category's weighted leaves must
 * add up to the full score — the sum is checked as you type. An empty cell: the indicator does
 * not apply to that category. Bonus and deduction cells are caps; a veto is ticked where it applies.
 */
export function WeightMatrix(props: EditorProps) {
  const { scheme, onChange, editable, issues } = props;
  const rows = useMemo(() => treeOrder(scheme), [scheme]);
  const sums = useMemo(() => categorySums(scheme), [scheme]);
  const bad = useMemo(() => new Set(issues.filter((i) => i.level === 'error').map((i) => i.ref)), [issues]);

  const setWeight = (ind: Indicator, category: string, w: number | null) => {
    const weights = { ...ind.weights };
    if (w === null) delete weights[category];
    else weights[category] = w;
    onChange(updateIndicator(scheme, ind.code, { weights }));
  };

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        每个类别的计分指标分值之和须等于满分 {scheme.rules.fullScore}
        ；空格表示该指标不适用于该类别。加分、扣分两行填写上限，一票否决勾选适用的类别。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="code"
        bordered
        sticky
        pagination={false}
        dataSource={rows}
        scroll={{ x: 320 + scheme.categories.length * 110, y: 'calc(100vh - 360px)' }}
        columns={[
          {
            title: '指标',
            fixed: 'left',
            width: 240,
            render: (_, i) => (
              <span
                style={{
                  paddingLeft: depthOf(scheme, i.code) * 16,
                  fontWeight: i.method === null ? 600 : undefined,
                }}
              >
                <span className="mono">{i.code}</span> {i.name}
              </span>
            ),
          },
          {
            title: '方法',
            width: 90,
            render: (_, i) => (i.method ? METHOD_LABELS[i.method] : '汇总'),
          },
          ...scheme.categories.map((c) => ({
            title: c.name,
            key: c.code,
            width: 110,
            align: 'center' as const,
            onCell: (i: Indicator) => ({
              className: bad.has(`weight:${i.code}@${c.code}`) ? 'cell-error' : '',
            }),
            render: (_: unknown, i: Indicator) =>
              i.method === 'veto' ? (
                <Checkbox
                  aria-label={`${i.name} 适用于 ${c.name}`}
                  checked={i.weights[c.code] !== undefined}
                  disabled={!editable}
                  onChange={(e) => setWeight(i, c.code, e.target.checked ? 1 : null)}
                />
              ) : (
                <InputNumber
                  aria-label={`${i.name} ${c.name}`}
                  size="small"
                  min={0}
                  max={10000}
                  style={{ width: 90 }}
                  value={i.weights[c.code] ?? null}
                  placeholder="—"
                  disabled={!editable}
                  // digits typed with a Chinese input method (８, ．５, 。) count as digits; the
                  // parser's text goes on as text ('' stays empty), as antd's own parser does
                  parser={(t) =>
                    toHalfWidth(t ?? '')
                      .replace(/。/g, '.')
                      .replace(/[\s,，]/g, '') as unknown as number
                  }
                  onChange={(v) => setWeight(i, c.code, typeof v === 'number' ? v : null)}
                />
              ),
          })),
        ]}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <b>计分指标合计</b>（应为 {scheme.rules.fullScore}）
              </Table.Summary.Cell>
              {scheme.categories.map((c, k) => {
                const s = sums.get(c.code);
                return (
                  <Table.Summary.Cell key={c.code} index={k + 2} align="center">
                    <Space size={4} aria-label={`${c.name} 合计`}>
                      {s?.ok ? (
                        <CheckCircleFilled style={{ color: '#389e0d' }} />
                      ) : (
                        <CloseCircleFilled style={{ color: '#cf1322' }} />
                      )}
                      <b style={{ color: s?.ok ? undefined : '#cf1322' }}>{s?.sum}</b>
                    </Space>
                  </Table.Summary.Cell>
                );
              })}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        汇总节点的分值须等于其下级之和（写空则不检查）；
        {scheme.indicators.some((i) => i.method !== null && isWeighted(i.method))
          ? ''
          : '方案中还没有计分指标。'}
      </Typography.Text>
    </>
  );
}
