import {
  DownloadOutlined,
  SaveOutlined,
  SlidersOutlined,
  UndoOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, App, Badge, Button, Popconfirm, Spin, Tabs, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Issue } from '../../../../shared/domain/issue';
import type { Scheme } from '../../../../shared/domain/scheme';
import { describeRef } from '../../../../shared/domain/scheme-edit';
import { prepareScheme } from '../../../../shared/engine/prepare';
import { fileInput, saveFile } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { useWorkbench } from '../../app/context';
import { PageHeader } from '../../components/PageHeader';
import { GroupsEditor } from './GroupsEditor';
import { IndicatorEditor } from './IndicatorEditor';
import { RulesEditor } from './RulesEditor';
import { TargetsEditor } from './TargetsEditor';
import { WeightMatrix } from './WeightMatrix';
import { WeightTool } from './WeightTool';

type Tab = 'targets' | 'indicators' | 'weights' | 'groups' | 'rules';
const TABS: { key: Tab; label: string }[] = [
  { key: 'targets', label: '类别与对象' },
  { key: 'indicators', label: '指标体系' },
  { key: 'weights', label: '权重矩阵' },
  { key: 'groups', label: '评价主体' },
  { key: 'rules', label: '规则' },
];

/** Props every part of the editor gets: the draft, how to change it, and what is stored. */
export interface EditorProps {
  scheme: Scheme;
  onChange: (s: Scheme) => void;
  editable: boolean;
  /** The scheme as stored: a code in it cannot change (data are attached by code). */
  stored: Scheme;
  issues: Issue[];
}

/**
 * 考核方案: the draft of the cycle's scheme, checked live by the same rules as the engine (weights
 * add up to the full score per category, parameters, codes), saved as a whole.
 */
export function SchemePage() {
  const w = useWorkbench();
  const cycleId = (w.cycle as NonNullable<typeof w.cycle>).id;
  const { modal, message } = App.useApp();
  const q = useQuery('scheme:get', { cycleId });
  const { run, busy } = useAction();
  const [draft, setDraft] = useState<Scheme | null>(null);
  const [tab, setTab] = useState<Tab>('targets');
  const [weighting, setWeighting] = useState(false);
  useEffect(() => {
    if (q.data) setDraft(q.data.scheme);
  }, [q.data]);

  const issues = useMemo(() => (draft ? prepareScheme(draft).issues : []), [draft]);
  const dirty =
    draft !== null && q.data !== undefined && JSON.stringify(draft) !== JSON.stringify(q.data.scheme);
  const errors = issues.filter((i) => i.level === 'error');
  const editable = q.data?.editable ?? false;
  // leaving with unsaved edits asks first (and so does closing this screen by switching the cycle)
  const { setUnsaved } = w;
  useEffect(() => {
    setUnsaved(dirty);
    return () => setUnsaved(false);
  }, [dirty, setUnsaved]);

  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  if (!draft || !q.data) return <Spin />;

  const saved = (text: string) => {
    void message.success(text);
    q.reload();
    w.refresh();
  };
  const save = async (confirmLoss = false) => {
    const r = await run(
      'scheme:save',
      { cycleId, scheme: draft, confirmLoss },
      { quiet: ['CONFIRM_NEEDED'] },
    );
    if ('value' in r) return saved('方案已保存');
    if (r.error.code === 'CONFIRM_NEEDED')
      modal.confirm({
        title: '确认删除',
        content: r.error.message,
        okText: '删除并保存',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: () => save(true),
      });
  };
  const importWorkbook = async (f: File, confirmLoss = false): Promise<void> => {
    const r = await run(
      'scheme:importWorkbook',
      { cycleId, file: await fileInput(f), confirmLoss },
      { quiet: ['CONFIRM_NEEDED', 'SCHEME_REFUSED'] },
    );
    if ('value' in r) return saved(`已按《${f.name}》更新方案`);
    if (r.error.code === 'CONFIRM_NEEDED')
      modal.confirm({
        title: '确认删除',
        content: r.error.message,
        okText: '删除并导入',
        okButtonProps: { danger: true },
        onOk: () => importWorkbook(f, true),
      });
    else
      modal.error({
        title: r.error.message,
        width: 720,
        content: (
          <ul style={{ maxHeight: 360, overflow: 'auto', paddingLeft: 18 }}>
            {(r.error.issues ?? []).map((i, k) => (
              <li key={k}>
                <span className="mono">{i.ref}</span> {i.message}
              </li>
            ))}
          </ul>
        ),
      });
  };

  const count = (t: Tab) => errors.filter((i) => describeRef(draft, i.ref, i.code).tab === t).length;
  const props: EditorProps = { scheme: draft, onChange: setDraft, editable, stored: q.data.scheme, issues };

  return (
    <>
      <PageHeader title="考核方案" cycle={w.cycle?.name}>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={!editable || !dirty || errors.length > 0}
          loading={busy}
          onClick={() => void save()}
        >
          保存
        </Button>
        <Popconfirm
          title="放弃全部未保存的修改？"
          okText="放弃修改"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          disabled={!dirty}
          onConfirm={() => setDraft(q.data?.scheme ?? null)}
        >
          <Button icon={<UndoOutlined />} disabled={!dirty}>
            放弃修改
          </Button>
        </Popconfirm>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={!editable}
          beforeUpload={(f) => {
            // the workbook replaces the scheme whole: say so before anything changes
            modal.confirm({
              title: `用《${f.name}》替换本周期的方案？`,
              content:
                '类别、对象（含别名和免于排名原因）、指标、权重、评价主体和规则都以工作簿为准，界面上做过而工作簿里没有的修改将被覆盖。已导入的数据若因此失去对应的对象或指标，会再请您确认。',
              okText: '替换方案',
              cancelText: '取消',
              onOk: () => importWorkbook(f),
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} disabled={!editable}>
            导入方案工作簿
          </Button>
        </Upload>
        <Button
          icon={<DownloadOutlined />}
          disabled={dirty}
          onClick={async () => {
            const r = await run('scheme:exportWorkbook', { cycleId });
            if ('value' in r) saveFile(r.value);
          }}
        >
          导出方案工作簿
        </Button>
        <Button
          icon={<SlidersOutlined />}
          disabled={!editable}
          onClick={() =>
            // the tool saves the scheme itself: it starts from what is stored, never from a draft
            dirty ? void message.warning('请先保存或放弃未保存的修改') : setWeighting(true)
          }
        >
          权重工具
        </Button>
      </PageHeader>
      {weighting && w.cycle && (
        <WeightTool
          scheme={q.data.scheme}
          cycle={w.cycle}
          cycles={w.cycles}
          onClose={() => setWeighting(false)}
          onApplied={() => {
            setWeighting(false);
            q.reload();
            w.refresh();
          }}
        />
      )}
      {!editable && (
        <Alert
          type="info"
          showIcon
          title="本周期已发布，方案只读；如需修改请先在“发布”中撤销发布"
          style={{ marginBottom: 12 }}
        />
      )}
      {dirty && errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`还有 ${errors.length} 处问题，改正后才能保存`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 96, overflow: 'auto' }}>
              {errors.slice(0, 20).map((i, k) => {
                const where = describeRef(draft, i.ref, i.code);
                return (
                  <li key={k}>
                    <a onClick={() => where.tab && setTab(where.tab)}>{where.text}</a>：{i.message}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={TABS.map((t) => ({
          key: t.key,
          label: (
            <Badge count={count(t.key)} size="small" offset={[8, -2]} styles={{ root: { color: 'inherit' } }}>
              {t.label}
            </Badge>
          ),
          children:
            t.key === 'targets' ? (
              <TargetsEditor {...props} held={q.data?.held} />
            ) : t.key === 'indicators' ? (
              <IndicatorEditor {...props} held={q.data?.held} />
            ) : t.key === 'weights' ? (
              <WeightMatrix {...props} />
            ) : t.key === 'groups' ? (
              <GroupsEditor {...props} />
            ) : (
              <RulesEditor {...props} />
            ),
        }))}
      />
    </>
  );
}
