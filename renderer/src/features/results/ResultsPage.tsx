import {
  CalculatorOutlined,
  ExperimentOutlined,
  FileExcelOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Segmented,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { ComputeResult, GroupResult } from '../../../../shared/domain/result';
import type { Scheme } from '../../../../shared/domain/scheme';
import { formatFixed } from '../../../../shared/engine/round';
import { bottomLabel, bottomNotes, rankingTable } from '../../../../shared/report/format';
import type { RankingRow } from '../../../../shared/report/format';
import { saveFile } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { useWorkbench } from '../../app/context';
import { PageHeader } from '../../components/PageHeader';
import { IssueTable } from '../../components/IssueTable';
import { localTime } from '../../components/labels';
import { GroupChart } from './charts';
import { RobustnessDrawer } from './RobustnessDrawer';
import { WhyDrawer } from './WhyDrawer';
import { ReportModal } from '../report/ReportModal';

type Filter = 'all' | 'bottom' | 'excellent' | 'flagged';

/** 考核结果: the ranking of each group, bottom-N unmistakable, a "why" per unit, charts; stale banner. */
export function ResultsPage() {
  const w = useWorkbench();
  const cycle = w.cycle as NonNullable<typeof w.cycle>;
  const stored = useQuery('result:get', { cycleId: cycle.id });
  const scheme = useQuery('scheme:get', { cycleId: cycle.id });
  const { run, busy } = useAction();
  const { message } = App.useApp();
  const [blocked, setBlocked] = useState<ComputeResult | null>(null);
  const [why, setWhy] = useState<string | null>(null);
  // 打印: the whole report, or (from 得分说明) one unit's score card
  const [printing, setPrinting] = useState<{ target: { code: string; name: string } | null } | null>(null);
  const [robustness, setRobustness] = useState(false);
  // the row the panel was opened from gets the focus back when it closes (keyboard users stay put)
  const opener = useRef<HTMLElement | null>(null);
  const openWhy = (code: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setWhy(code);
  };
  const closeWhy = () => {
    setWhy(null);
    setTimeout(() => opener.current?.focus(), 0);
  };
  const published = cycle.status === 'published';

  const compute = async () => {
    const r = await run('result:compute', { cycleId: cycle.id });
    if (!('value' in r)) return;
    setBlocked(r.value.stored ? null : r.value.result);
    if (r.value.unchanged) void message.info('计算之后数据和方案都没有改动，结果仍是最新的，无需重新计算');
    else if (r.value.stored) void message.success('已计算并保存结果');
    stored.reload();
    w.refresh();
  };

  if (stored.loading && !stored.data) return <Spin />;
  const current = stored.data;
  const result = current?.result;

  return (
    <>
      <PageHeader title="考核结果" cycle={cycle.name}>
        {current && (
          <Typography.Text type="secondary">计算于 {localTime(current.computedAt)}</Typography.Text>
        )}
        <Tooltip title={published ? '本周期已发布，结果已封存；如需重新计算，请先在“发布”中撤销发布' : ''}>
          <Button
            type={current ? 'default' : 'primary'}
            icon={<CalculatorOutlined />}
            loading={busy}
            disabled={published}
            onClick={() => void compute()}
          >
            {current ? '重新计算' : '计算'}
          </Button>
        </Tooltip>
        <Button
          icon={<FileExcelOutlined />}
          title={!current ? '尚未计算' : current.stale ? '结果已过期，请先重新计算' : ''}
          disabled={!current || current.stale}
          onClick={async () => {
            const r = await run('result:exportXlsx', { cycleId: cycle.id });
            if ('value' in r) saveFile(r.value);
          }}
        >
          导出 Excel
        </Button>
        <Button
          icon={<PrinterOutlined />}
          title={!current ? '尚未计算' : current.stale ? '结果已过期，请先重新计算' : ''}
          disabled={!current || current.stale}
          onClick={() => setPrinting({ target: null })}
        >
          打印报告
        </Button>
        <Button
          icon={<ExperimentOutlined />}
          title={!current ? '尚未计算' : ''}
          disabled={!current}
          onClick={() => setRobustness(true)}
        >
          稳健性分析
        </Button>
      </PageHeader>
      {published && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title="本周期已发布，结果已封存：以下为发布的结果，可以查看和导出，不能重新计算"
        />
      )}
      {current?.stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="结果已过期：计算之后数据或方案有改动，下表不是最新结果"
          action={
            <Button
              size="small"
              type="primary"
              loading={busy}
              disabled={published}
              onClick={() => void compute()}
            >
              重新计算
            </Button>
          }
        />
      )}
      {blocked && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="无法完成计算，结果未保存：请补齐或改正以下数据后重新计算"
          description={<IssueTable issues={blocked.issues.filter((i) => i.level === 'error')} pageSize={5} />}
        />
      )}
      {!result ? (
        <Empty description="本周期还没有计算结果：导入数据后点击“计算”" />
      ) : (
        <Tabs
          destroyOnHidden // charts of hidden tabs would measure 0 × 0
          items={result.groups.map((g) => ({
            key: g.code,
            label: `${g.name}（${g.ranked}）`,
            children: (
              <GroupView result={result} group={g} scheme={scheme.data?.scheme ?? null} onWhy={openWhy} />
            ),
          }))}
        />
      )}
      {result && why && scheme.data && (
        <WhyDrawer
          result={result}
          scheme={scheme.data.scheme}
          target={why}
          onClose={closeWhy}
          onPrint={current && !current.stale ? (t) => setPrinting({ target: t }) : undefined}
        />
      )}
      {robustness && <RobustnessDrawer cycleId={cycle.id} onClose={() => setRobustness(false)} />}
      {printing && (
        <ReportModal cycleId={cycle.id} target={printing.target} onClose={() => setPrinting(null)} />
      )}
    </>
  );
}

const CHANGE_COLORS = (c: string) =>
  c.startsWith('↑') ? '#389e0d' : c.startsWith('↓') ? '#cf1322' : undefined;

function GroupView(props: {
  result: ComputeResult;
  group: GroupResult;
  scheme: Scheme | null;
  onWhy: (code: string) => void;
}) {
  const { result: r, group: g } = props;
  const [search, setSearch] = useState('');
  const q = search.trim();
  const aliases = useMemo(
    () => new Map((props.scheme?.targets ?? []).map((t) => [t.code, t.aliases])),
    [props.scheme],
  );
  const [filter, setFilter] = useState<Filter>('all');
  const table = useMemo(() => rankingTable(r, g), [r, g]);
  const p = r.cycle.precision;
  const label = bottomLabel(r.cycle.bottomN);
  const rows = table.rows.filter(
    (x) =>
      (q === '' ||
        x.name.includes(q) ||
        x.code.toLowerCase().includes(q.toLowerCase()) ||
        (aliases.get(x.code) ?? []).some((a) => a.includes(q))) &&
      (filter === 'all' ||
        (filter === 'bottom' && x.bottom) ||
        (filter === 'excellent' && x.grade === '优秀') ||
        (filter === 'flagged' && x.flags !== '')),
  );
  const notes = bottomNotes(r, g);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <Input.Search
          aria-label="查找单位"
          placeholder="单位名称、编码或别名"
          allowClear
          style={{ width: 220 }}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'bottom', label: label },
            { value: 'excellent', label: '优秀' },
            { value: 'flagged', label: '有标记' },
          ]}
        />
        <Typography.Text type="secondary">
          共 {g.size} 个，参与排名 {g.ranked} 个，{label} {g.flaggedBottom} 个
          {rows.length < g.size ? `；显示 ${rows.length} 个` : ''}。点击一行查看得分说明。
        </Typography.Text>
      </Space>
      <Table<RankingRow>
        size="small"
        rowKey="code"
        bordered
        pagination={false}
        dataSource={rows}
        rowClassName={(x) => (x.bottom ? 'row-bottom' : x.exempt ? 'row-exempt' : '')}
        onRow={(x) => ({
          onClick: () => props.onWhy(x.code),
          // reachable with Tab, opened with Enter or Space, like a link
          tabIndex: 0,
          'aria-label': `${x.name} 得分说明`,
          onKeyDown: (e: React.KeyboardEvent) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              props.onWhy(x.code);
            }
          },
          style: { cursor: 'pointer' },
        })}
        scroll={{ x: 760 + table.indicators.length * 90 }}
        columns={[
          {
            title: '名次',
            dataIndex: 'rank',
            width: 60,
            align: 'center',
            render: (v: number | null) => v ?? '—',
          },
          {
            title: '单位',
            dataIndex: 'name',
            width: 180,
            render: (n: string, x) => (
              <span>
                {x.bottom && <span aria-label={label}>▲</span>}
                {n}
              </span>
            ),
          },
          {
            title: '总分',
            dataIndex: 'total',
            width: 80,
            align: 'right',
            render: (v: number) => <b>{formatFixed(v, p)}</b>,
          },
          ...table.indicators.map((ind, k) => ({
            title: ind.name,
            key: ind.code,
            width: 90,
            align: 'right' as const,
            render: (_: unknown, x: RankingRow) =>
              x.subtotals[k] === null ? '—' : formatFixed(x.subtotals[k] as number, p),
          })),
          {
            title: '加分',
            dataIndex: 'bonus',
            width: 64,
            align: 'right',
            render: (v: number) => (v > 0 ? formatFixed(v, p) : ''),
          },
          {
            title: '扣分',
            dataIndex: 'deduction',
            width: 64,
            align: 'right',
            render: (v: number) => (v > 0 ? formatFixed(v, p) : ''),
          },
          {
            title: '等次',
            dataIndex: 'grade',
            width: 64,
            align: 'center',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: '名次变化',
            dataIndex: 'change',
            width: 84,
            align: 'center',
            render: (c: string) => <span style={{ color: CHANGE_COLORS(c), fontWeight: 600 }}>{c}</span>,
          },
          {
            title: '标记',
            width: 200,
            render: (_, x) => {
              const e = g.entries.find((y) => y.code === x.code);
              return (
                <Space size={2} wrap>
                  {e?.flags.map((f) => (
                    <Tag
                      key={f}
                      // the verdicts that decide careers: solid, so they survive black-and-white printing
                      variant={f === 'bottomN' || f === 'veto' ? 'solid' : undefined}
                      color={
                        f === 'bottomN' || f === 'veto'
                          ? 'error'
                          : f === 'bigRise'
                            ? 'success'
                            : f === 'bigFall'
                              ? 'warning'
                              : 'default'
                      }
                    >
                      {f === 'bottomN'
                        ? label
                        : { veto: '一票否决', bigRise: '进步较大', bigFall: '退步较大', exempt: '免于排名' }[
                            f
                          ]}
                    </Tag>
                  ))}
                </Space>
              );
            },
          },
        ]}
      />
      {notes.map((n) => (
        <Typography.Text key={n} type="secondary">
          {n}
        </Typography.Text>
      ))}
      <Card size="small" title={`${g.name}总分`}>
        <GroupChart group={g} fullScore={r.cycle.fullScore} />
      </Card>
    </Space>
  );
}
