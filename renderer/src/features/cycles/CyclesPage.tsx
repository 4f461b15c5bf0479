import { CopyOutlined, LinkOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import type { CycleSummary } from '../../../../shared/contract/api';
import type { CycleKind } from '../../../../shared/domain/cycle';
import { CYCLE_KINDS, CYCLE_KIND_LABELS, CYCLE_STATUS_LABELS } from '../../../../shared/domain/cycle';
import type { Issue } from '../../../../shared/domain/issue';
import { fileInput } from '../../api/client';
import { useAction } from '../../api/hooks';
import { useWorkbench } from '../../app/context';
import { PageHeader } from '../../components/PageHeader';
import { IssueTable } from '../../components/IssueTable';
import { STATUS_COLORS, localTime } from '../../components/labels';
import { LIMITS } from '../../../../shared/domain/limits';

const RESULT_LABELS = { none: '未计算', fresh: '最新', stale: '已过期' } as const;
const RESULT_COLORS = { none: 'default', fresh: 'success', stale: 'warning' } as const;

/** 考核周期: the cycles of the workspace; a new one from a scheme workbook or from last year's. */
export function CyclesPage() {
  const w = useWorkbench();
  const [creating, setCreating] = useState(false);
  const [copying, setCopying] = useState<CycleSummary | null>(null);
  const [linking, setLinking] = useState<CycleSummary | null>(null);

  return (
    <>
      <PageHeader title="考核周期">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          从方案工作簿新建
        </Button>
        <Button
          icon={<CopyOutlined />}
          disabled={w.cycles.length === 0}
          onClick={() => setCopying(w.cycle ?? w.cycles.at(-1) ?? null)}
        >
          复制当前周期为新周期
        </Button>
      </PageHeader>
      <Table
        rowKey="id"
        size="middle"
        dataSource={w.cycles}
        pagination={false}
        rowClassName={(c) => (c.id === w.cycle?.id ? 'ant-table-row-selected' : '')}
        locale={{
          emptyText: '尚无考核周期：请点击“从方案工作簿新建”，选择本年度的考核方案工作簿',
        }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (n: string, c) => (c.id === w.cycle?.id ? <b>{n}</b> : n),
          },
          { title: '类型', dataIndex: 'kind', width: 70, render: (k: CycleKind) => CYCLE_KIND_LABELS[k] },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: CycleSummary['status']) => (
              <Tag color={STATUS_COLORS[s]}>{CYCLE_STATUS_LABELS[s]}</Tag>
            ),
          },
          { title: '上一周期', dataIndex: 'previousName', render: (n: string | null) => n ?? '—' },
          { title: '考核对象', dataIndex: 'targets', width: 90, align: 'right' },
          { title: '有效批次', dataIndex: 'batches', width: 90, align: 'right' },
          {
            title: '结果',
            dataIndex: 'result',
            width: 90,
            render: (r: CycleSummary['result']) => <Tag color={RESULT_COLORS[r]}>{RESULT_LABELS[r]}</Tag>,
          },
          { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: localTime },
          {
            title: '操作',
            width: 290,
            render: (_, c) => (
              <Space size={4}>
                <Button
                  size="small"
                  type="link"
                  disabled={c.id === w.cycle?.id}
                  onClick={() => w.selectCycle(c.id)}
                >
                  设为当前
                </Button>
                <Button size="small" type="link" icon={<CopyOutlined />} onClick={() => setCopying(c)}>
                  复制为新周期
                </Button>
                <Tooltip
                  title={c.status === 'published' ? '已发布的周期结果已封存，撤销发布后才能改上一周期' : ''}
                >
                  <Button
                    size="small"
                    type="link"
                    icon={<LinkOutlined />}
                    disabled={c.status === 'published'}
                    onClick={() => setLinking(c)}
                  >
                    上一周期
                  </Button>
                </Tooltip>
              </Space>
            ),
          },
        ]}
      />
      {creating && <CreateDialog onClose={() => setCreating(false)} />}
      {copying && <CopyDialog from={copying} onClose={() => setCopying(null)} />}
      {linking && <LinkDialog cycle={linking} onClose={() => setLinking(null)} />}
    </>
  );
}

function CreateDialog(props: { onClose: () => void }) {
  const w = useWorkbench();
  const { run, busy } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [form] = Form.useForm<{ name: string; kind: CycleKind; previous: number | null }>();

  const submit = async () => {
    // an empty field is shown at the field; nothing is sent
    const v = await form.validateFields().catch(() => null);
    if (!v || !file) return;
    setIssues([]);
    const r = await run(
      'cycle:createFromWorkbook',
      { file: await fileInput(file), name: v.name.trim(), kind: v.kind, previousCycleId: v.previous ?? null },
      { success: `已建立考核周期“${v.name.trim()}”`, quiet: ['SCHEME_REFUSED'] },
    );
    if ('error' in r) {
      setIssues(
        r.error.issues ?? [{ level: 'error', code: r.error.code, message: r.error.message, ref: '' }],
      );
      return;
    }
    w.refresh();
    w.selectCycle(r.value.cycle.id);
    props.onClose();
  };

  return (
    <Modal
      open
      title="从方案工作簿新建考核周期"
      okText="新建"
      onOk={submit}
      confirmLoading={busy}
      okButtonProps={{ disabled: !file }}
      onCancel={props.onClose}
      width={issues.length > 0 ? 900 : 560}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'annual', previous: w.cycles.at(-1)?.id ?? null }}
      >
        <Form.Item label="方案工作簿（含 考核类别、考核对象、指标体系、评价主体、规则 工作表）" required>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setIssues([]);
              if (!form.getFieldValue('name')) form.setFieldValue('name', cycleNameOf(f.name));
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        <Form.Item
          name="name"
          label="周期名称"
          rules={[{ required: true, whitespace: true, message: '请填写周期名称' }]}
        >
          <Input placeholder="如 2024年度" maxLength={LIMITS.cycleName} />
        </Form.Item>
        <Space size={16} style={{ width: '100%' }}>
          <Form.Item name="kind" label="类型" style={{ width: 160 }}>
            <Select options={CYCLE_KINDS.map((k) => ({ value: k, label: CYCLE_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="previous" label="上一周期（用于名次变化）" style={{ width: 300 }}>
            <Select
              allowClear
              placeholder="无"
              options={w.cycles.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Space>
      </Form>
      {issues.length > 0 && (
        <>
          <Alert
            type="error"
            showIcon
            title={`方案工作簿有 ${issues.filter((i) => i.level === 'error').length} 处问题，未导入任何内容；请按下表改正后重新选择文件`}
            style={{ marginBottom: 12 }}
          />
          <IssueTable issues={issues} />
        </>
      )}
    </Modal>
  );
}

/** A cycle's name from its scheme workbook's: “2024年度综合考核方案.xlsx” → “2024年度”. */
export function cycleNameOf(file: string): string {
  const base = file.replace(/\.xlsx$/i, '').trim();
  const year = /^(\d{4}\s*年度?)/.exec(base);
  return (
    year
      ? (year[1] as string).replace(/\s/g, '').replace(/年$/, '年度')
      : base.replace(/(综合)?考核方案$|方案$/, '')
  ).slice(0, 40);
}

function CopyDialog(props: { from: CycleSummary; onClose: () => void }) {
  const w = useWorkbench();
  const { run, busy } = useAction();
  const [name, setName] = useState(() => {
    const m = /^(\d{4})(.*)$/.exec(props.from.name);
    return m ? `${Number(m[1]) + 1}${m[2]}` : `${props.from.name}（新）`;
  });
  const submit = async () => {
    const r = await run(
      'cycle:copy',
      { fromId: props.from.id, name: name.trim() },
      { success: `已建立考核周期“${name.trim()}”` },
    );
    if ('error' in r) return;
    w.refresh();
    w.selectCycle(r.value.id);
    props.onClose();
  };
  return (
    <Modal
      open
      title={`复制“${props.from.name}”为新周期`}
      okText="复制"
      okButtonProps={{ disabled: name.trim() === '' }}
      onOk={submit}
      confirmLoading={busy}
      onCancel={props.onClose}
    >
      <p>
        新周期沿用考核对象、类别、指标体系、差异化权重、评价主体和规则，并以“{props.from.name}
        ”为上一周期计算名次变化；数据和结果不复制。
      </p>
      <p>对象的别名和免于排名原因也一并复制：免于排名多为当年情形，请在新周期的“类别与对象”中逐一核对。</p>
      <Input
        aria-label="新周期名称"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={LIMITS.cycleName}
        status={name.trim() === '' ? 'error' : undefined}
        placeholder="新周期名称，如 2025年度"
      />
    </Modal>
  );
}

function LinkDialog(props: { cycle: CycleSummary; onClose: () => void }) {
  const w = useWorkbench();
  const { run, busy } = useAction();
  const [previous, setPrevious] = useState<number | null>(props.cycle.previousCycleId);
  const submit = async () => {
    const r = await run(
      'cycle:link',
      { cycleId: props.cycle.id, previousId: previous },
      { success: '已更新上一周期' },
    );
    if ('error' in r) return;
    w.refresh();
    props.onClose();
  };
  return (
    <Modal
      open
      title={`“${props.cycle.name}”的上一周期`}
      okText="保存"
      onOk={submit}
      confirmLoading={busy}
      onCancel={props.onClose}
    >
      <p>名次变化和发展变化类指标的基期数据取自上一周期。</p>
      <Select
        aria-label="上一周期"
        allowClear
        placeholder="无"
        style={{ width: '100%' }}
        value={previous ?? undefined}
        onChange={(v) => setPrevious(v ?? null)}
        options={w.cycles.filter((c) => c.id !== props.cycle.id).map((c) => ({ value: c.id, label: c.name }))}
      />
    </Modal>
  );
}
