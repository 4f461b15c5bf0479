import { InputNumber, Table, Typography } from 'antd';
import { AddButton, DeleteConfirm } from '../../components/EditButtons';
import { inputColumn } from '../../components/EditCells';
import { useMemo } from 'react';
import type { EvaluatorGroup } from '../../../../shared/domain/scheme';
import type { EditorProps } from './SchemePage';

type Row = EvaluatorGroup & { k: number };

/** 评价主体: who rates (市级领导, 部门互评…) and how much each group weighs in a rating. */
export function GroupsEditor(props: EditorProps) {
  const { scheme, onChange, editable, stored, issues } = props;
  const storedCodes = useMemo(() => new Set(stored.groups.map((g) => g.code)), [stored]);
  const set = (k: number, patch: Partial<EvaluatorGroup>) =>
    onChange({ ...scheme, groups: scheme.groups.map((g, i) => (i === k ? { ...g, ...patch } : g)) });
  const total = scheme.groups.reduce((n, g) => n + g.weight, 0);
  return (
    <>
      <Typography.Paragraph type="secondary">
        评议得分按各主体权重加权；某对象缺少某主体的评价时，按到场主体的权重重新折算。权重合计{' '}
        {Math.round(total * 1000) / 1000}。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="k"
        pagination={false}
        dataSource={scheme.groups.map((g, k): Row => ({ ...g, k }))}
        columns={[
          inputColumn<Row>({
            title: '主体编码',
            code: true,
            width: 140,
            editable,
            get: (g) => g.code,
            saved: (g) => storedCodes.has(g.code),
            invalid: (g) => issues.some((i) => i.ref === `group:${g.code}` && i.level === 'error'),
            set: (g, code) => set(g.k, { code }),
          }),
          inputColumn<Row>({
            title: '主体名称',
            editable,
            get: (g) => g.name,
            set: (g, name) => set(g.k, { name }),
          }),
          {
            title: '权重',
            width: 140,
            render: (_, g) => (
              <InputNumber
                aria-label="主体权重"
                min={0.001}
                max={100}
                step={0.05}
                value={g.weight}
                disabled={!editable}
                onChange={(v) => typeof v === 'number' && set(g.k, { weight: v })}
              />
            ),
          },
          {
            title: '',
            width: 50,
            render: (_, g) => (
              <DeleteConfirm
                label="删除主体"
                title={`删除评价主体“${g.name}”？其评价数据在保存时一并删除`}
                disabled={!editable}
                onConfirm={() => onChange({ ...scheme, groups: scheme.groups.filter((_, i) => i !== g.k) })}
              />
            ),
          },
        ]}
      />
      <AddButton
        disabled={!editable}
        onClick={() => {
          const used = new Set(scheme.groups.map((g) => g.code));
          let n = 1;
          while (used.has(`G${n}`)) n++;
          onChange({ ...scheme, groups: [...scheme.groups, { code: `G${n}`, name: '新主体', weight: 0.1 }] });
        }}
      >
        添加评价主体
      </AddButton>
    </>
  );
}
