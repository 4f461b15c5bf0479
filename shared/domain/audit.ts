import type { DerivationMethod } from './weight-plan';
import { DERIVATION_LABELS } from './weight-plan';
/** 审计日志: what each recorded action is called on screen and on the command line. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'cycle.create': '建立周期',
  'cycle.copy': '复制周期',
  'cycle.linkPrevious': '关联上一周期',
  'cycle.publish': '发布',
  'cycle.reopen': '撤销发布',
  'scheme.save': '修改方案',
  'scheme.weights': '调整权重',
  import: '导入',
  'batch.withdraw': '撤回批次',
  'batch.restore': '恢复批次',
  compute: '计算',
  export: '导出',
  templates: '生成模板',
  'alias.add': '添加别名',
  'alias.remove': '删除别名',
  'column.map': '记住表头',
  'column.unmap': '删除表头',
};

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const SECTIONS: [string, string][] = [
  ['categories', '类别'],
  ['targets', '对象'],
  ['indicators', '指标'],
  ['groups', '评价主体'],
];

/**
 * An audit entry's details as a line a person reads: what changed, in words, never raw JSON.
 * `cycleName` turns cycle numbers into names where it can.
 */
export function describeAudit(
  action: string,
  detail: unknown,
  cycleName: (id: number) => string | undefined = () => undefined,
): string {
  const o = (detail ?? {}) as Record<string, unknown>;
  const cycle = (v: unknown) => (typeof v === 'number' ? (cycleName(v) ?? `周期 ${v}`) : '无');
  switch (action) {
    case 'cycle.reopen':
    case 'batch.withdraw':
    case 'batch.restore':
      return `原因：${str(o.reason)}${o.batch !== undefined ? `（批次 ${str(o.batch)}）` : ''}`;
    case 'import':
    case 'export':
      return o.format === 'print' ? `打印《${str(o.file)}》` : `《${str(o.file)}》`;
    case 'compute':
    case 'cycle.publish':
      return `第 ${str(o.result)} 号结果，输入指纹 ${str(o.inputHash).slice(0, 12)}`;
    case 'cycle.create':
      return o.from === 'schemeWorkbook'
        ? `由《${str(o.file)}》建立：${str(o.categories)} 个类别、${str(o.targets)} 个对象、${str(o.indicators)} 个指标`
        : '由方案建立';
    case 'cycle.copy':
      return `复制自“${str(o.fromName)}”`;
    case 'cycle.linkPrevious':
      return `上一周期：${cycle(o.before)} → ${cycle(o.after)}`;
    case 'scheme.save': {
      const c = (o.changes ?? {}) as Record<
        string,
        { added?: string[]; removed?: string[]; changed?: string[] }
      >;
      const parts = SECTIONS.flatMap(([k, label]) => {
        const s = c[k];
        if (!s) return [];
        const n = [
          s.added?.length ? `增 ${s.added.length}` : '',
          s.removed?.length ? `删 ${s.removed.length}` : '',
          s.changed?.length ? `改 ${s.changed.length}` : '',
        ].filter(Boolean);
        return n.length > 0 ? [`${label}${n.join('、')}`] : [];
      });
      const rules = Array.isArray(c.rules) ? (c.rules as unknown as string[]) : [];
      if (rules.length > 0) parts.push(`规则改 ${rules.length} 项`);
      const how = o.source === undefined || o.source === 'editor' ? '在方案页' : `按《${str(o.source)}》`;
      return `${how}修改：${parts.length > 0 ? parts.join('；') : '无实质改动'}`;
    }
    case 'scheme.weights': {
      const method = DERIVATION_LABELS[o.method as DerivationMethod] ?? str(o.method);
      const n = Array.isArray(o.weights) ? o.weights.length : 0;
      const scope = o.parentName ? `“${str(o.parentName)}”下` : '';
      return `${str(o.categoryName)}：按${method}重定${scope} ${n} 个指标的分值。${str(o.note)}`;
    }
    case 'templates':
      return `${Array.isArray(o.files) ? o.files.length : 0} 个模板`;
    case 'alias.add':
    case 'alias.remove':
      return `“${str(o.alias)}” → ${str(o.target)}`;
    case 'column.map':
      return `表头“${str(o.header)}” → ${str(o.indicator)}${o.field ? `（${str(o.field)}）` : ''}`;
    case 'column.unmap':
      return `表头“${str(o.header)}”`;
    default: {
      const t = JSON.stringify(detail) ?? '';
      return t.length > 80 ? `${t.slice(0, 80)}…` : t;
    }
  }
}
