import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { AUDIT_ACTION_LABELS, describeAudit } from '../../../../shared/domain/audit';
import { CYCLE_STATUS_LABELS } from '../../../../shared/domain/cycle';
import { bottomLabel } from '../../../../shared/report/format';
import { useAction, useQuery } from '../../api/hooks';
import { useWorkbench } from '../../app/context';
import { PageHeader } from '../../components/PageHeader';
import { STATUS_COLORS, localTime } from '../../components/labels';
import { LIMITS } from '../../../../shared/domain/limits';

/** 发布: seal the cycle once its result is final; reopen with a reason. Both in the audit log. */
export function PublishPage() {
  const w = useWorkbench();
  const cycle = w.cycle as NonNullable<typeof w.cycle>;
  const { modal } = App.useApp();
  const { run, busy } = useAction();
  const result = useQuery('result:get', { cycleId: cycle.id });
  const audit = useQuery('audit:list', { cycleId: cycle.id });
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const published = cycle.status === 'published';
  const r = result.data;
  const after = () => (w.refresh(), audit.reload(), result.reload());

  const publish = () =>
    modal.confirm({
      title: `发布“${cycle.name}”？`,
      content: '发布后结果封存：不能再导入数据、修改方案或重新计算，直到撤销发布。发布记入审计日志。',
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        const x = await run('cycle:publish', { cycleId: cycle.id }, { success: '已发布' });
        if ('value' in x) after();
      },
    });

  return (
    <>
      <PageHeader title="发布" cycle={cycle.name} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="状态">
            <Tag color={STATUS_COLORS[cycle.status]}>{CYCLE_STATUS_LABELS[cycle.status]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="计算时间">{r ? localTime(r.computedAt) : '未计算'}</Descriptions.Item>
          <Descriptions.Item label="输入指纹">
            <span className="mono">{r ? `${r.result.inputHash.slice(0, 16)}…` : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="结果">
            {!r ? '—' : r.stale ? <Tag color="warning">已过期</Tag> : <Tag color="success">最新</Tag>}
          </Descriptions.Item>
          {r?.result.groups.map((g) => (
            <Descriptions.Item key={g.code} label={`${g.name}${bottomLabel(r.result.cycle.bottomN)}`}>
              {g.entries
                .filter((e) => e.flags.includes('bottomN'))
                .map((e) => e.name)
                .join('、') || '无'}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Space style={{ marginTop: 12 }}>
          {published ? (
            <Button icon={<UnlockOutlined />} onClick={() => setReopening(true)}>
              撤销发布
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<LockOutlined />}
              disabled={!r || r.stale}
              loading={busy}
              onClick={publish}
            >
              发布
            </Button>
          )}
          {!published && (!r || r.stale) && (
            <Typography.Text type="secondary">请先在“考核结果”中计算出最新结果</Typography.Text>
          )}
        </Space>
      </Card>
      {published && (
        <Alert type="success" showIcon title="本周期已发布，结果已封存" style={{ marginBottom: 16 }} />
      )}
      <Card size="small" title="审计日志（本周期）">
        <Table
          size="small"
          rowKey="id"
          dataSource={[...(audit.data ?? [])].reverse()}
          pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
          columns={[
            { title: '时间', width: 140, render: (_, e) => localTime(e.at) },
            { title: '操作人', dataIndex: 'operator', width: 90 },
            { title: '操作', width: 110, render: (_, e) => AUDIT_ACTION_LABELS[e.action] ?? e.action },
            {
              title: '内容',
              render: (_, e) =>
                describeAudit(e.action, e.detail, (id) => w.cycles.find((c) => c.id === id)?.name),
            },
          ]}
        />
      </Card>
      <Modal
        open={reopening}
        title={`撤销发布“${cycle.name}”`}
        okText="撤销发布"
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        confirmLoading={busy}
        onCancel={() => setReopening(false)}
        onOk={async () => {
          const x = await run('cycle:reopen', { cycleId: cycle.id, reason }, { success: '已撤销发布' });
          if ('value' in x) {
            setReopening(false);
            setReason('');
            after();
          }
        }}
      >
        <p>撤销后可以修改数据并重新计算。原因记入审计日志。</p>
        <Input.TextArea
          aria-label="撤销原因"
          rows={3}
          maxLength={LIMITS.text}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="原因（必填）"
        />
      </Modal>
    </>
  );
}
