import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  Modal,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Events, FileInput } from '../../../../shared/contract/api';
import type { AliasConfirmation, ColumnConfirmation, FileReport } from '../../../../shared/contract/import';
import type { ImportBatch } from '../../../../shared/domain/cycle';
import { BATCH_STATUS_LABELS, DATA_KIND_LABELS } from '../../../../shared/domain/cycle';
import type { Issue } from '../../../../shared/domain/issue';
import { api, fileInput, saveFile } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { cancelTask, useTask } from '../../api/tasks';
import { useWorkbench } from '../../app/context';
import { PageHeader } from '../../components/PageHeader';
import { IssueTable } from '../../components/IssueTable';
import { localTime } from '../../components/labels';
import { LIMITS } from '../../../../shared/domain/limits';

interface Confirmations {
  aliases: AliasConfirmation[];
  columns: ColumnConfirmation[];
}
const NONE: Confirmations = { aliases: [], columns: [] };

const PHASE_LABELS: Record<Events['import:progress']['phase'], string> = {
  reading: '读取',
  checking: '检查',
  writing: '写入',
};

/**
 * 数据导入: drop the returned workbooks; each is read and checked (nothing is written) and shown
 * with its kind, a preview of what was understood and every problem at its cell; near misses can be
 * confirmed on the spot; then the files without problems are imported. Below: batch history
 * (replace, withdraw, restore) and the templates to send out.
 */
export function ImportPage() {
  const w = useWorkbench();
  const cycle = w.cycle as NonNullable<typeof w.cycle>;
  const { message } = App.useApp();
  const { run, busy } = useAction();
  const [files, setFiles] = useState<FileInput[]>([]);
  const [confirm, setConfirm] = useState<Confirmations>(NONE);
  const [preview, setPreview] = useState<{ stageId: string; files: FileReport[] } | null>(null);
  const [progress, setProgress] = useState<Events['import:progress'] | null>(null);
  // the check or the import running now (one at a time), and which was cancelled last
  const job = useTask();
  const [cancelled, setCancelled] = useState<'check' | 'import' | null>(null);
  // while the checked files are imported they stay as they are (dropping more would check anew)
  const [committing, setCommitting] = useState(false);
  const [below, setBelow] = useState<'batches' | 'templates'>('batches');
  const batches = useQuery('import:batches', { cycleId: cycle.id });
  const published = cycle.status === 'published';

  useEffect(() => api.on('import:progress', setProgress), []);

  // every change of the files or confirmations reads them again (a dry run); the files of a
  // superseded preview are dropped in main at once, not kept until the app quits
  const stageRef = useRef<string | null>(null);
  const keepStage = (id: string | null) => {
    if (stageRef.current !== null && stageRef.current !== id)
      void api.invoke('import:discard', { stageId: stageRef.current });
    stageRef.current = id;
  };
  useEffect(() => {
    if (files.length === 0) {
      keepStage(null);
      setPreview(null);
      return;
    }
    let live = true;
    let answered = false;
    const task = job.begin();
    setCancelled(null);
    void run('import:preview', { cycleId: cycle.id, files, confirm, task }, { quiet: ['CANCELLED'] }).then(
      (r) => {
        answered = true;
        job.end(task);
        if (live) setProgress(null);
        if (!('value' in r)) {
          // cancelled by the operator (not by newer files): the files go, nothing was written
          if (live && r.error.code === 'CANCELLED') {
            setCancelled('check');
            setFiles([]);
          }
          return;
        }
        if (!live) void api.invoke('import:discard', { stageId: r.value.stageId });
        else {
          keepStage(r.value.stageId);
          setPreview(r.value);
        }
      },
    );
    return () => {
      live = false;
      // newer files or confirmations: the check under way is of no use
      if (!answered) cancelTask(task);
    };
  }, [files, confirm, cycle.id, run, job.begin, job.end]);
  useEffect(() => () => keepStage(null), []);

  const addFiles = async (list: File[]) => {
    const read = await Promise.all(list.map(fileInput));
    setCancelled(null);
    // a corrected file replaces the one of the same name
    setFiles((old) => [...old.filter((f) => !read.some((n) => n.name === f.name)), ...read]);
  };
  const ready = preview?.files.filter((f) => f.accepted) ?? [];
  const refused = preview?.files.filter((f) => !f.accepted) ?? [];

  const commit = async () => {
    if (!preview) return;
    const task = job.begin();
    setCancelled(null);
    setCommitting(true);
    const r = await run(
      'import:commit',
      { stageId: preview.stageId, confirm, task },
      { quiet: ['CANCELLED'] },
    );
    setCommitting(false);
    job.end(task);
    setProgress(null);
    if (!('value' in r)) {
      // the preview stays: it can be imported again
      if (r.error.code === 'CANCELLED') setCancelled('import');
      return;
    }
    const written = r.value.files.filter((f) => f.written);
    void message.success(`已导入 ${written.length} 个文件`);
    // what was refused stays, to be corrected and dropped again
    setFiles((old) => old.filter((f) => !written.some((x) => x.file === f.name)));
    setConfirm(NONE);
    batches.reload();
    w.refresh();
  };

  const fixAction = (issue: Issue) => {
    const fix = issue.fix;
    if (!fix || fix.kind === 'withdraw') return null;
    const done =
      fix.kind === 'alias'
        ? confirm.aliases.some((a) => a.text === fix.text)
        : confirm.columns.some((c) => c.header === fix.header);
    return (
      <Button
        size="small"
        disabled={done || published}
        onClick={() =>
          setConfirm((c) =>
            fix.kind === 'alias'
              ? { ...c, aliases: [...c.aliases, { text: fix.text, target: fix.target }] }
              : {
                  ...c,
                  columns: [...c.columns, { header: fix.header, indicator: fix.indicator, field: fix.field }],
                },
          )
        }
      >
        {done
          ? '已确认（导入时记住）'
          : fix.kind === 'alias'
            ? `确认为${fix.targetName}`
            : `确认为${fix.indicatorName}`}
      </Button>
    );
  };

  return (
    <>
      <PageHeader title="数据导入" cycle={cycle.name} />
      {published && (
        <Alert
          type="info"
          showIcon
          title="本周期已发布，不能再导入；如需修改请先在“发布”中撤销发布"
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={16}>
        <Col flex="auto">
          <Upload.Dragger
            multiple
            accept=".xlsx,.csv,.xls,.et"
            showUploadList={false}
            disabled={published || committing}
            height={files.length > 0 ? 76 : undefined}
            beforeUpload={(_f, list) => {
              // called once per file with the whole selection: take it on the last one
              if (_f === list[list.length - 1]) void addFiles(list);
              return false;
            }}
          >
            {files.length === 0 && (
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
            )}
            <p className="ant-upload-text">
              {files.length === 0
                ? '把收回的 Excel 文件拖到这里，或点击选择（可多选）'
                : '继续拖入文件；改好的文件拖进来即替换同名文件'}
            </p>
            {files.length === 0 && (
              <p className="ant-upload-hint">
                先逐个检查、不写入任何数据；确认无误后再导入。改好的文件再拖进来即替换同名文件。
              </p>
            )}
          </Upload.Dragger>
          {job.running && (
            <div
              role="status"
              aria-label="导入进度"
              style={{ display: 'flex', alignItems: 'center', gap: 12, marginTop: 8 }}
            >
              <Progress
                percent={
                  progress ? Math.round(((progress.index + progress.fraction) / progress.files) * 100) : 0
                }
                status={job.cancelling ? 'normal' : 'active'}
                format={(percent) =>
                  job.cancelling
                    ? '正在取消…'
                    : progress
                      ? `${PHASE_LABELS[progress.phase]} ${progress.file}（${percent ?? 0}%）`
                      : '准备中…'
                }
                style={{ flex: 1, margin: 0 }}
              />
              <Button size="small" disabled={job.cancelling} onClick={job.cancel}>
                取消
              </Button>
            </div>
          )}
          {cancelled && (
            <Alert
              type="info"
              showIcon
              closable
              onClose={() => setCancelled(null)}
              title={
                cancelled === 'check'
                  ? '已取消检查，没有写入任何数据。可重新拖入文件。'
                  : '已取消导入，没有写入任何数据。检查结果仍在，可重新导入。'
              }
              style={{ marginTop: 8 }}
            />
          )}
        </Col>
      </Row>

      {preview && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={`检查结果：${ready.length} 个文件可导入${refused.length > 0 ? `，${refused.length} 个文件有问题` : ''}`}
          extra={
            <Space>
              <Button disabled={committing} onClick={() => (setFiles([]), setConfirm(NONE))}>
                清空
              </Button>
              <Button
                type="primary"
                disabled={ready.length === 0 || published}
                loading={busy}
                onClick={() => void commit()}
              >
                {refused.length > 0 ? `导入 ${ready.length} 个无问题的文件` : `导入 ${ready.length} 个文件`}
              </Button>
            </Space>
          }
        >
          <Table
            size="small"
            rowKey="file"
            pagination={false}
            dataSource={[...refused, ...ready]}
            expandable={{
              defaultExpandedRowKeys: refused.map((f) => f.file),
              expandedRowRender: (f) => <FileDetail report={f} fixAction={fixAction} />,
            }}
            columns={[
              { title: '文件', dataIndex: 'file' },
              {
                title: '内容',
                render: (_, f) =>
                  f.sheets.length === 0
                    ? '—'
                    : f.sheets.map((s) => (
                        <div key={s.sheet}>
                          {s.sheet}：{s.kind ? DATA_KIND_LABELS[s.kind] : '未识别'} {s.rows} 行
                          {s.supersedes !== null && (
                            <Tag style={{ marginLeft: 6 }}>替换批次 {s.supersedes}</Tag>
                          )}
                        </div>
                      )),
              },
              {
                title: '状态',
                width: 150,
                render: (_, f) => {
                  const errors = f.issues.filter((i) => i.level === 'error').length;
                  const warnings = f.issues.length - errors;
                  return errors > 0 ? (
                    <Tag color="error">{errors} 处问题</Tag>
                  ) : (
                    <Space size={4}>
                      <Tag color="success">可导入</Tag>
                      {warnings > 0 && <Tag color="warning">{warnings} 条提示</Tag>}
                    </Space>
                  );
                },
              },
              {
                title: '',
                width: 64,
                render: (_, f) => (
                  <Button
                    size="small"
                    type="link"
                    aria-label={`移出 ${f.file}`}
                    disabled={committing}
                    onClick={() => setFiles((old) => old.filter((x) => x.name !== f.file))}
                  >
                    移出
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}

      <Card
        size="small"
        style={{ marginTop: 16 }}
        activeTabKey={below}
        onTabChange={(k) => setBelow(k as 'batches' | 'templates')}
        tabList={[
          { key: 'batches', label: `导入批次（${batches.data?.length ?? 0}）` },
          { key: 'templates', label: '填报模板（发给各单位填写后收回）' },
        ]}
      >
        {below === 'batches' ? (
          <BatchHistory
            batches={batches.data ?? []}
            onChanged={() => (batches.reload(), w.refresh())}
            disabled={published}
          />
        ) : (
          <Templates cycleId={cycle.id} />
        )}
      </Card>
    </>
  );
}

function FileDetail(props: { report: FileReport; fixAction: (i: Issue) => React.ReactNode }) {
  const { report } = props;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {report.issues.length > 0 && <IssueTable issues={report.issues} action={props.fixAction} />}
      {report.sheets
        .filter((s) => s.sample && s.sample.rows.length > 0)
        .map((s) => (
          <div key={s.sheet}>
            <Typography.Text type="secondary">
              “{s.sheet}”读出的前 {s.sample?.rows.length} 条数据（已整理成对象 × 指标，请核对是否读对）：
            </Typography.Text>
            <Table
              size="small"
              pagination={false}
              rowKey="k"
              dataSource={(s.sample?.rows ?? []).map((cells, k) => ({ k, cells }))}
              columns={(s.sample?.columns ?? []).map((c, k) => ({
                title: c,
                key: c,
                render: (_: unknown, row: { cells: string[] }) => row.cells[k],
              }))}
            />
          </div>
        ))}
    </Space>
  );
}

function BatchHistory(props: { batches: ImportBatch[]; onChanged: () => void; disabled: boolean }) {
  const { run } = useAction();
  const [acting, setActing] = useState<{ batch: ImportBatch; to: 'withdraw' | 'restore' } | null>(null);
  const [reason, setReason] = useState('');
  const rows = useMemo(() => [...props.batches].sort((a, b) => b.id - a.id), [props.batches]);
  const submit = async () => {
    if (!acting) return;
    const r = await run(
      acting.to === 'withdraw' ? 'import:withdraw' : 'import:restore',
      { batchId: acting.batch.id, reason },
      {
        success: acting.to === 'withdraw' ? '已撤回' : '已恢复',
      },
    );
    if ('value' in r) {
      setActing(null);
      setReason('');
      props.onChanged();
    }
  };
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 15, size: 'small', hideOnSinglePage: true }}
        columns={[
          { title: '批次', dataIndex: 'id', width: 56 },
          { title: '文件', render: (_, b) => `${b.fileName}（${b.sheet}）` },
          { title: '类型', width: 110, render: (_, b) => DATA_KIND_LABELS[b.kind] },
          { title: '行数', dataIndex: 'rowCount', width: 60, align: 'right' },
          { title: '导入时间', width: 140, render: (_, b) => localTime(b.importedAt) },
          {
            title: '状态',
            width: 110,
            render: (_, b) => (
              <Tag
                color={b.status === 'active' ? 'success' : b.status === 'withdrawn' ? 'default' : 'warning'}
              >
                {BATCH_STATUS_LABELS[b.status]}
                {b.supersededBy !== null && b.status === 'superseded' ? ` → ${b.supersededBy}` : ''}
              </Tag>
            ),
          },
          {
            title: '',
            width: 64,
            render: (_, b) =>
              b.status === 'active' ? (
                <Button
                  size="small"
                  type="link"
                  danger
                  disabled={props.disabled}
                  onClick={() => setActing({ batch: b, to: 'withdraw' })}
                >
                  撤回
                </Button>
              ) : (
                <Button
                  size="small"
                  type="link"
                  disabled={props.disabled}
                  onClick={() => setActing({ batch: b, to: 'restore' })}
                >
                  恢复
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={acting !== null}
        title={
          acting
            ? `${acting.to === 'withdraw' ? '撤回' : '恢复'}批次 ${acting.batch.id}（${acting.batch.fileName}）`
            : ''
        }
        okText={acting?.to === 'withdraw' ? '撤回' : '恢复'}
        okButtonProps={{ disabled: reason.trim() === '', danger: acting?.to === 'withdraw' }}
        onOk={() => void submit()}
        onCancel={() => (setActing(null), setReason(''))}
      >
        <p>
          {acting?.to === 'withdraw'
            ? '撤回后该批次的数据不再参与计算，但保留在导入历史中，可以恢复。'
            : '恢复后该批次重新生效，并替换同一来源当前有效的批次。'}
          原因记入审计日志。
        </p>
        <Input.TextArea
          aria-label="原因"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={LIMITS.text}
          rows={3}
          placeholder="原因（必填）"
        />
      </Modal>
    </>
  );
}

function Templates(props: { cycleId: number }) {
  const list = useQuery('template:list', { cycleId: props.cycleId });
  const { run } = useAction();
  return (
    <>
      {list.error && <Alert type="warning" showIcon title={list.error.message} />}
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
        按数据来源和评价主体各一份，发出后原样收回、拖到上方即可导入；表内只有填报格可改。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="file"
        pagination={false}
        dataSource={list.data ?? []}
        columns={[
          { title: '模板', dataIndex: 'title' },
          { title: '类型', width: 140, render: (_, t) => DATA_KIND_LABELS[t.kind] },
          { title: '行数', dataIndex: 'rows', width: 70, align: 'right' },
          { title: '文件名', dataIndex: 'file', width: 320 },
          {
            title: '',
            width: 90,
            render: (_, t) => (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                aria-label={`下载 ${t.file}`}
                onClick={async () => {
                  const r = await run('template:file', { cycleId: props.cycleId, file: t.file });
                  if ('value' in r) saveFile(r.value);
                }}
              >
                下载
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
