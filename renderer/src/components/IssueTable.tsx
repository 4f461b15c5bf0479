import { Table, Tag } from 'antd';
import type { Issue } from '../../../shared/domain/issue';

const LEVELS = {
  error: { label: '错误', color: 'error' },
  warning: { label: '提示', color: 'warning' },
  info: { label: '说明', color: 'default' },
} as const;

/** Problems as a table: level, where (`Sheet!Cell`), what is wrong and what to do; `action` adds a column. */
export function IssueTable(props: {
  issues: readonly Issue[];
  action?: (issue: Issue) => React.ReactNode;
  pageSize?: number;
}) {
  const rows = props.issues.map((issue, key) => ({ key, issue }));
  return (
    <Table
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={
        rows.length > (props.pageSize ?? 10) ? { pageSize: props.pageSize ?? 10, size: 'small' } : false
      }
      columns={[
        {
          title: '级别',
          width: 64,
          render: (_, r) => <Tag color={LEVELS[r.issue.level].color}>{LEVELS[r.issue.level].label}</Tag>,
        },
        { title: '位置', width: 150, render: (_, r) => <span className="mono">{r.issue.ref || '—'}</span> },
        { title: '说明', render: (_, r) => r.issue.message },
        ...(props.action
          ? [{ title: '', width: 120, render: (_: unknown, r: { issue: Issue }) => props.action?.(r.issue) }]
          : []),
      ]}
    />
  );
}
