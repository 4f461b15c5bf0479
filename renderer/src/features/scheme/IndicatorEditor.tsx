import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  Empty,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import type { HeldData } from '../../../../shared/contract/scheme';
import type { Indicator, Scheme } from '../../../../shared/domain/scheme';
import type { MethodKey } from '../../../../shared/domain/method';
import {
  METHODS,
  METHOD_LABELS,
  METHOD_PARAM_KEYS,
  MISSING_LABELS,
  PARAM_LABELS,
  isWeighted,
} from '../../../../shared/domain/method';
import {
  addIndicator,
  moveIndicator,
  removeIndicator,
  reparentIndicator,
  subtree,
  updateIndicator,
} from '../../../../shared/domain/scheme-edit';
import type { EditorProps } from './SchemePage';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children: TreeNode[];
}

function treeData(scheme: Scheme, bad: Set<string>): TreeNode[] {
  const build = (parent: string | null): TreeNode[] =>
    scheme.indicators
      .filter((i) => i.parent === parent)
      .map((i) => ({
        key: i.code,
        title: (
          <span style={bad.has(i.code) ? { color: '#cf1322' } : undefined}>
            <span className="mono">{i.code}</span> {i.name}
            {i.method && (
              <Tag style={{ marginLeft: 6 }} color={isWeighted(i.method) ? 'blue' : 'orange'}>
                {METHOD_LABELS[i.method]}
              </Tag>
            )}
          </span>
        ),
        children: build(i.code),
      }));
  return build(null);
}

/** 指标体系: the tree (add, move, delete), and a form per indicator with its method's parameters. */
export function IndicatorEditor(props: EditorProps & { held?: HeldData }) {
  const { scheme, onChange, editable, stored, issues } = props;
  const [selected, setSelected] = useState<string | null>(scheme.indicators[0]?.code ?? null);
  const bad = useMemo(
    () =>
      new Set(
        issues
          .filter((i) => i.level === 'error' && i.ref.startsWith('indicator:'))
          .map((i) => i.ref.slice(10)),
      ),
    [issues],
  );
  const current = scheme.indicators.find((i) => i.code === selected) ?? null;
  const storedCodes = useMemo(() => new Set(stored.indicators.map((i) => i.code)), [stored]);
  const providers = useMemo(
    () =>
      [...new Set(scheme.indicators.map((i) => i.provider).filter((p): p is string => !!p))].map((p) => ({
        value: p,
      })),
    [scheme],
  );
  const heldRows = (code: string) =>
    [...subtree(scheme, code)].reduce(
      (n, c) => n + (props.held?.indicators.find((x) => x.code === c)?.rows ?? 0),
      0,
    );

  const add = (parent: string | null) => {
    const r = addIndicator(scheme, parent);
    onChange(r.scheme);
    setSelected(r.code);
  };

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="400px">
        <Space wrap style={{ marginBottom: 8 }}>
          <Button size="small" icon={<PlusOutlined />} disabled={!editable} onClick={() => add(null)}>
            添加一级指标
          </Button>
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={!editable || !current}
            onClick={() => add(current?.code ?? null)}
          >
            添加下级
          </Button>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label="上移"
            disabled={!editable || !current}
            onClick={() => current && onChange(moveIndicator(scheme, current.code, -1))}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label="下移"
            disabled={!editable || !current}
            onClick={() => current && onChange(moveIndicator(scheme, current.code, 1))}
          />
          <Popconfirm
            title={
              current && heldRows(current.code) > 0
                ? `删除“${current.name}”及其下级，并在保存时删除已导入的 ${heldRows(current.code)} 行数据？`
                : `删除“${current?.name ?? ''}”及其下级？`
            }
            disabled={!editable || !current}
            onConfirm={() => {
              if (!current) return;
              onChange(removeIndicator(scheme, current.code));
              setSelected(current.parent);
            }}
          >
            <Button size="small" danger icon={<DeleteOutlined />} disabled={!editable || !current}>
              删除
            </Button>
          </Popconfirm>
        </Space>
        <div
          style={{
            border: '1px solid #f0f0f0',
            borderRadius: 4,
            padding: 8,
            maxHeight: 'calc(100vh - 300px)',
            overflow: 'auto',
          }}
        >
          <Tree
            blockNode
            defaultExpandAll
            showLine
            treeData={treeData(scheme, bad)}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
          />
        </div>
      </Col>
      <Col flex="auto" style={{ minWidth: 0, maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}>
        {current ? (
          <IndicatorForm
            key={scheme.indicators.indexOf(current)}
            scheme={scheme}
            indicator={current}
            editable={editable}
            codeLocked={storedCodes.has(current.code)}
            providers={providers}
            issues={issues.filter(
              (i) => i.ref === `indicator:${current.code}` || i.ref.startsWith(`weight:${current.code}@`),
            )}
            onChange={(patch) => {
              let next = updateIndicator(scheme, current.code, patch);
              const renamed = patch.code;
              if (renamed !== undefined && renamed !== current.code) {
                // a new node's code being typed: its children follow
                next = {
                  ...next,
                  indicators: next.indicators.map((i) =>
                    i.parent === current.code ? { ...i, parent: renamed } : i,
                  ),
                };
                setSelected(renamed);
              }
              onChange(next);
            }}
            onReparent={(parent) => onChange(reparentIndicator(scheme, current.code, parent))}
          />
        ) : (
          <Empty description="选择左侧的指标进行编辑" />
        )}
      </Col>
    </Row>
  );
}

function IndicatorForm(props: {
  scheme: Scheme;
  indicator: Indicator;
  editable: boolean;
  codeLocked: boolean;
  providers: { value: string }[];
  issues: EditorProps['issues'];
  onChange: (patch: Partial<Indicator>) => void;
  onReparent: (parent: string | null) => void;
}) {
  const { scheme, indicator: ind, editable } = props;
  const hasChildren = scheme.indicators.some((i) => i.parent === ind.code);
  const own = subtree(scheme, ind.code);
  const parents = scheme.indicators.filter(
    (i) => !own.has(i.code) && (i.method === null || i.code === ind.parent),
  );
  const keys = ind.method ? METHOD_PARAM_KEYS[ind.method] : [];
  const setParam = (key: string, value: string) => {
    const params = { ...ind.params };
    if (value.trim() === '') delete params[key];
    else params[key] = value;
    props.onChange({ params });
  };
  const setMethod = (m: MethodKey | null) => {
    const allowed = m ? METHOD_PARAM_KEYS[m] : [];
    const params = Object.fromEntries(Object.entries(ind.params).filter(([k]) => allowed.includes(k)));
    // a veto applies wherever it has a mark; weights of other methods keep their numbers
    props.onChange({ method: m, params });
  };

  return (
    <Form layout="horizontal" labelCol={{ flex: '112px' }} wrapperCol={{ flex: 'auto' }} disabled={!editable}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {ind.code} {ind.name}
      </Typography.Title>
      {props.issues.map((i, k) => (
        <Alert
          key={k}
          type={i.level === 'error' ? 'error' : 'warning'}
          showIcon
          title={i.message}
          style={{ marginBottom: 8 }}
        />
      ))}
      <Form.Item
        label="指标编码"
        help={props.codeLocked ? '已保存的编码不能修改（导入的数据按编码对应）' : undefined}
      >
        <Input
          aria-label="指标编码"
          value={ind.code}
          disabled={props.codeLocked}
          onChange={(e) => props.onChange({ code: e.target.value.trim() })}
        />
      </Form.Item>
      <Form.Item label="指标名称">
        <Input
          aria-label="指标名称"
          value={ind.name}
          onChange={(e) => props.onChange({ name: e.target.value })}
        />
      </Form.Item>
      <Form.Item label="上级指标">
        <Select
          aria-label="上级指标"
          value={ind.parent ?? ''}
          onChange={(v: string) => props.onReparent(v === '' ? null : v)}
          options={[
            { value: '', label: '（一级指标）' },
            ...parents.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` })),
          ]}
        />
      </Form.Item>
      <Form.Item label="计分方法">
        <Select
          aria-label="计分方法"
          value={ind.method ?? ''}
          onChange={(v: string) => setMethod(v === '' ? null : (v as MethodKey))}
          options={[
            { value: '', label: hasChildren ? '汇总节点（由下级指标计分）' : '汇总节点（无计分方法）' },
            ...METHODS.map((m) => ({
              value: m,
              label: METHOD_LABELS[m],
              disabled: hasChildren,
            })),
          ]}
        />
      </Form.Item>
      {ind.method && isWeighted(ind.method) && (
        <Form.Item label="方向">
          <Radio.Group
            value={ind.direction}
            onChange={(e) => props.onChange({ direction: e.target.value as '+' | '-' })}
            options={[
              { value: '+', label: '正向（越大越好）' },
              { value: '-', label: '逆向（越小越好）' },
            ]}
          />
        </Form.Item>
      )}
      {ind.method && (
        <Form.Item label="数据来源">
          <AutoComplete
            aria-label="数据来源"
            value={ind.provider ?? ''}
            options={props.providers}
            placeholder="提供数据的部门，用于生成填报模板"
            onChange={(v: string) => props.onChange({ provider: v.trim() === '' ? null : v })}
          />
        </Form.Item>
      )}
      {keys.map((key) => {
        const label = PARAM_LABELS[key] ?? { label: key, hint: '' };
        return (
          <Form.Item key={key} label={label.label} extra={key === 'missing' ? undefined : label.hint}>
            {key === 'missing' ? (
              <Select
                aria-label={label.label}
                value={ind.params.missing ?? 'error'}
                onChange={(v: string) => setParam('missing', v === 'error' ? '' : v)}
                options={Object.entries(MISSING_LABELS).map(([value, l]) => ({ value, label: l }))}
              />
            ) : key === 'relative' ? (
              <Select
                aria-label={label.label}
                value={ind.params.relative ?? 'false'}
                onChange={(v: string) => setParam('relative', v === 'false' ? '' : v)}
                options={[
                  { value: 'false', label: '否（按满意率计分）' },
                  { value: 'true', label: '是（按同类最好最差折算）' },
                ]}
              />
            ) : (
              <Input
                aria-label={label.label}
                value={ind.params[key] ?? ''}
                onChange={(e) => setParam(key, e.target.value)}
              />
            )}
          </Form.Item>
        );
      })}
      <Form.Item label="分值">
        <Typography.Text type="secondary">
          {scheme.categories
            .map((c) => {
              const w = ind.weights[c.code];
              return `${c.name} ${w === undefined ? '—' : ind.method === 'veto' ? '适用' : w}`;
            })
            .join('；')}
          （在“权重矩阵”中修改）
        </Typography.Text>
      </Form.Item>
    </Form>
  );
}
