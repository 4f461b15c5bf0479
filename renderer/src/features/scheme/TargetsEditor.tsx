import { Input, Select, Space, Table, Typography } from 'antd';
import { AddButton, DeleteConfirm } from '../../components/EditButtons';
import { inputColumn } from '../../components/EditCells';
import { useMemo, useState } from 'react';
import type { HeldData } from '../../../../shared/contract/scheme';
import type { Category, Target } from '../../../../shared/domain/scheme';
import type { EditorProps } from './SchemePage';

/** A code free among `used`: the prefix with a two-digit number. */
function freeCode(prefix: string, used: Iterable<string>): string {
  const taken = new Set(used);
  for (let n = 1; ; n++) {
    const c = `${prefix}${String(n).padStart(2, '0')}`;
    if (!taken.has(c)) return c;
  }
}

const PAGE = 20;

const hasIssue = (issues: EditorProps['issues'], ref: string) =>
  issues.some((i) => i.ref === ref && i.level === 'error');

/** 类别与对象: the categories (ranking groups) and the units under assessment, with their aliases. */
export function TargetsEditor(props: EditorProps & { held?: HeldData }) {
  const { scheme, onChange, editable, stored, issues } = props;
  const [filter, setFilter] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const storedCats = useMemo(() => new Set(stored.categories.map((c) => c.code)), [stored]);
  const storedTargets = useMemo(() => new Set(stored.targets.map((t) => t.code)), [stored]);
  const heldRows = useMemo(
    () => new Map((props.held?.targets ?? []).map((t) => [t.code, t.rows])),
    [props.held],
  );

  const setCategory = (k: number, patch: Partial<Category>) =>
    onChange({ ...scheme, categories: scheme.categories.map((c, i) => (i === k ? { ...c, ...patch } : c)) });
  // by position, not code: a new target's code is being typed
  const setTarget = (t: Target, patch: Partial<Target>) => {
    const k = scheme.targets.indexOf(t);
    onChange({ ...scheme, targets: scheme.targets.map((x, i) => (i === k ? { ...x, ...patch } : x)) });
  };

  const shown = scheme.targets.filter(
    (t) =>
      (filter === null || t.category === filter) &&
      (search === '' ||
        t.name.includes(search) ||
        t.code.includes(search) ||
        t.aliases.some((a) => a.includes(search))),
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text strong>考核类别</Typography.Text>
          <Typography.Text type="secondary">同一类别的对象一起排名，各类别的指标权重可以不同</Typography.Text>
        </Space>
        <Table
          size="small"
          rowKey="k"
          pagination={false}
          dataSource={scheme.categories.map((c, k) => ({ ...c, k }))}
          columns={[
            inputColumn<Category & { k: number }>({
              title: '类别编码',
              code: true,
              width: 140,
              editable,
              get: (c) => c.code,
              saved: (c) => storedCats.has(c.code),
              invalid: (c) => hasIssue(issues, `category:${c.code}`),
              set: (c, code) => setCategory(c.k, { code }),
            }),
            inputColumn<Category & { k: number }>({
              title: '类别名称',
              editable,
              get: (c) => c.name,
              set: (c, name) => setCategory(c.k, { name }),
            }),
            {
              title: '对象数',
              width: 80,
              align: 'right',
              render: (_, c) => scheme.targets.filter((t) => t.category === c.code).length,
            },
            {
              title: '',
              width: 60,
              render: (_, c) => (
                <DeleteConfirm
                  label="删除类别"
                  title={
                    scheme.targets.some((t) => t.category === c.code)
                      ? '该类别下还有考核对象，请先把它们移到其他类别'
                      : `删除类别“${c.name}”？`
                  }
                  disabled={!editable}
                  blocked={scheme.targets.some((t) => t.category === c.code)}
                  onConfirm={() =>
                    onChange({ ...scheme, categories: scheme.categories.filter((_, i) => i !== c.k) })
                  }
                />
              ),
            },
          ]}
        />
        <AddButton
          disabled={!editable}
          onClick={() =>
            onChange({
              ...scheme,
              categories: [
                ...scheme.categories,
                {
                  code: freeCode(
                    'C',
                    scheme.categories.map((c) => c.code),
                  ),
                  name: '新类别',
                },
              ],
            })
          }
        >
          添加类别
        </AddButton>
      </div>

      <div>
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Text strong>考核对象</Typography.Text>
          <Select
            aria-label="按类别筛选"
            style={{ width: 180 }}
            value={filter ?? ''}
            onChange={(v) => (setFilter(v === '' ? null : v), setPage(1))}
            options={[
              { value: '', label: '全部类别' },
              ...scheme.categories.map((c) => ({ value: c.code, label: c.name })),
            ]}
          />
          <Input.Search
            aria-label="查找对象"
            placeholder="编码、名称或别名"
            allowClear
            style={{ width: 220 }}
            value={search}
            onChange={(e) => (setSearch(e.target.value), setPage(1))}
          />
          <Typography.Text type="secondary">
            共 {scheme.targets.length} 个，显示 {shown.length} 个
          </Typography.Text>
        </Space>
        <Table
          size="small"
          rowKey={(t) => String(scheme.targets.indexOf(t))}
          dataSource={shown}
          pagination={{
            pageSize: PAGE,
            size: 'small',
            showSizeChanger: false,
            current: page,
            onChange: setPage,
          }}
          columns={[
            inputColumn<Target>({
              title: '对象编码',
              code: true,
              width: 110,
              editable,
              get: (t) => t.code,
              saved: (t) => storedTargets.has(t.code),
              invalid: (t) => hasIssue(issues, `target:${t.code}`),
              set: (t, code) => setTarget(t, { code }),
            }),
            inputColumn<Target>({
              title: '对象名称',
              width: 200,
              editable,
              get: (t) => t.name,
              set: (t, name) => setTarget(t, { name }),
            }),
            {
              title: '别名（导入时也认这些写法）',
              render: (_, t) => (
                <Select
                  aria-label="别名"
                  mode="tags"
                  style={{ width: '100%' }}
                  value={t.aliases}
                  disabled={!editable}
                  tokenSeparators={['、', ',', '，', ';', '；']}
                  open={false}
                  onChange={(v: string[]) =>
                    setTarget(t, { aliases: v.map((a) => a.trim()).filter(Boolean) })
                  }
                />
              ),
            },
            {
              title: '类别',
              width: 150,
              render: (_, t) => (
                <Select
                  aria-label="类别"
                  style={{ width: '100%' }}
                  value={t.category}
                  disabled={!editable}
                  onChange={(v: string) => setTarget(t, { category: v })}
                  options={scheme.categories.map((c) => ({ value: c.code, label: c.name }))}
                />
              ),
            },
            {
              title: '免于排名原因',
              width: 260,
              render: (_, t) => (
                <Input
                  aria-label="免于排名原因"
                  title={t.exemptReason ?? ''}
                  value={t.exemptReason ?? ''}
                  placeholder="参与排名"
                  disabled={!editable}
                  onChange={(e) =>
                    setTarget(t, { exemptReason: e.target.value.trim() === '' ? null : e.target.value })
                  }
                />
              ),
            },
            {
              title: '',
              width: 50,
              render: (_, t) => (
                <DeleteConfirm
                  label="删除对象"
                  title={
                    heldRows.get(t.code)
                      ? `“${t.name}”已有 ${heldRows.get(t.code)} 行导入数据，保存时将一并删除。确定删除？`
                      : `删除“${t.name}”？`
                  }
                  disabled={!editable}
                  onConfirm={() => onChange({ ...scheme, targets: scheme.targets.filter((x) => x !== t) })}
                />
              ),
            },
          ]}
        />
        <AddButton
          disabled={!editable || scheme.categories.length === 0}
          onClick={() => {
            const category = filter ?? (scheme.categories[0] as Category).code;
            const code = freeCode(
              category,
              scheme.targets.map((t) => t.code),
            );
            onChange({
              ...scheme,
              targets: [
                ...scheme.targets,
                { code, name: '新对象', aliases: [], category, exemptReason: null, parent: null },
              ],
            });
            // show the new row where it lands: the last page, the search cleared
            setSearch('');
            setPage(
              Math.ceil(
                (scheme.targets.filter((t) => filter === null || t.category === filter).length + 1) / PAGE,
              ),
            );
            setTimeout(() => {
              const names = document.querySelectorAll<HTMLInputElement>('input[aria-label="对象名称"]');
              const last = names[names.length - 1];
              last?.focus();
              last?.select();
            }, 0);
          }}
        >
          添加对象
        </AddButton>
      </div>
    </Space>
  );
}
