import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  PartitionOutlined,
} from '@ant-design/icons';
import { Alert, App as AntApp, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CYCLE_STATUS_LABELS } from '../../../shared/domain/cycle';
import { useQuery } from '../api/hooks';
import type { Outputs } from '../../../shared/contract/api';
import { api } from '../api/client';
import { STATUS_COLORS } from '../components/labels';
import { CyclesPage } from '../features/cycles/CyclesPage';
import { ImportPage } from '../features/import/ImportPage';
import { PublishPage } from '../features/publish/PublishPage';
import { ResultsPage } from '../features/results/ResultsPage';
import { SchemePage } from '../features/scheme/SchemePage';
import type { PageKey, Workbench } from './context';
import { WorkbenchContext } from './context';

const PAGES: { key: PageKey; label: string; icon: React.ReactNode; needsCycle: boolean }[] = [
  { key: 'cycles', label: '考核周期', icon: <CalendarOutlined />, needsCycle: false },
  { key: 'scheme', label: '考核方案', icon: <PartitionOutlined />, needsCycle: true },
  { key: 'import', label: '数据导入', icon: <CloudUploadOutlined />, needsCycle: true },
  { key: 'results', label: '考核结果', icon: <BarChartOutlined />, needsCycle: true },
  { key: 'publish', label: '发布', icon: <AuditOutlined />, needsCycle: true },
];
const CYCLE_KEY = 'appraisal.cycle';

/**
 * The app: the open workspace's workbench. When another workspace is opened from the File menu,
 * everything below is made anew — no screen, draft or preview of the old one survives.
 */
export function App() {
  const info = useQuery('app:info', {});
  const { reload } = info;
  useEffect(() => api.on('workspace:changed', reload), [reload]);
  if (info.loading && !info.data) return null; // a moment at start, before the workspace is known
  const workspace = info.data?.workspace ?? '';
  return <Workbench key={workspace} workspace={workspace} info={info.data} />;
}

/** The workbench: one screen per step of the yearly flow, all about the cycle chosen at the top. */
function Workbench(props: { workspace: string; info: Outputs['app:info'] | undefined }) {
  const list = useQuery('cycle:list', {});
  const [page, setPage] = useState<PageKey>('cycles');
  const { modal } = AntApp.useApp();
  const unsaved = useRef(false);
  /** Leaving a screen with unsaved edits asks first; they are dropped only on 离开. */
  const leave = (then: () => void) => {
    if (!unsaved.current) return then();
    void modal.confirm({
      title: '有未保存的修改',
      content: '离开后，这些修改将丢失。要先回去保存吗？',
      okText: '离开，不保存',
      okButtonProps: { danger: true },
      cancelText: '留在本页',
      onOk: () => {
        unsaved.current = false;
        then();
      },
    });
  };
  // the cycle last worked on, remembered per workspace
  const cycleKey = `${CYCLE_KEY}:${props.workspace}`;
  const [cycleId, setCycleId] = useState<number | null>(() => {
    const saved = Number(localStorage.getItem(cycleKey));
    return Number.isInteger(saved) && saved > 0 ? saved : null;
  });
  const cycles = useMemo(() => list.data ?? [], [list.data]);
  const cycle = cycles.find((c) => c.id === cycleId) ?? null;

  // the newest cycle when none (or a deleted one) is chosen
  useEffect(() => {
    if (!list.loading && cycles.length > 0 && !cycle)
      setCycleId((cycles.at(-1) as (typeof cycles)[number]).id);
  }, [list.loading, cycles, cycle]);
  useEffect(() => {
    if (cycleId !== null) localStorage.setItem(cycleKey, String(cycleId));
  }, [cycleId, cycleKey]);

  const workbench: Workbench = {
    cycles,
    cycle,
    selectCycle: (id) => leave(() => setCycleId(id)),
    refresh: list.reload,
    go: (p) => leave(() => setPage(p)),
    setUnsaved: useCallback((u: boolean) => {
      unsaved.current = u;
    }, []),
  };
  const current = PAGES.find((p) => p.key === page) as (typeof PAGES)[number];

  return (
    <WorkbenchContext.Provider value={workbench}>
      <Layout style={{ height: '100%' }}>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            padding: '0 20px',
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            综合考核工作台
          </Typography.Title>
          <Space style={{ marginLeft: 'auto' }}>
            <span>考核周期：</span>
            <Select
              aria-label="当前考核周期"
              style={{ width: 220 }}
              placeholder="尚无考核周期"
              value={cycle?.id}
              onChange={(id: number) => leave(() => setCycleId(id))}
              options={cycles.map((c) => ({ value: c.id, label: c.name }))}
            />
            {cycle && <Tag color={STATUS_COLORS[cycle.status]}>{CYCLE_STATUS_LABELS[cycle.status]}</Tag>}
          </Space>
        </Layout.Header>
        <Layout style={{ flex: 1, minHeight: 0 }}>
          <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <Menu
              mode="inline"
              selectedKeys={[page]}
              onClick={(e) => leave(() => setPage(e.key as PageKey))}
              items={PAGES.map((p) => ({
                key: p.key,
                icon: p.icon,
                label: p.label,
                disabled: p.needsCycle && !cycle,
              }))}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            />
          </Layout.Sider>
          <Layout.Content style={{ padding: 20, overflow: 'auto' }}>
            {list.error && (
              <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />
            )}
            {current.needsCycle && !cycle ? (
              <Alert type="info" showIcon title="请先在“考核周期”中新建或选择一个考核周期" />
            ) : page === 'cycles' ? (
              <CyclesPage />
            ) : page === 'scheme' ? (
              <SchemePage key={cycle?.id} />
            ) : page === 'import' ? (
              <ImportPage key={cycle?.id} />
            ) : page === 'results' ? (
              <ResultsPage key={cycle?.id} />
            ) : (
              <PublishPage key={cycle?.id} />
            )}
          </Layout.Content>
        </Layout>
        <Layout.Footer style={{ padding: '4px 20px', fontSize: 12, color: '#8c8c8c', background: '#fafafa' }}>
          <Space size={24}>
            <span>工作区：{props.workspace || '—'}</span>
            <span>操作人：{props.info?.operator ?? '—'}</span>
            <span>版本 {props.info?.version ?? ''}</span>
          </Space>
        </Layout.Footer>
      </Layout>
    </WorkbenchContext.Provider>
  );
}
