/** 审计日志: what each recorded action is called on screen and on the command line. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'cycle.create': '建立周期',
  'cycle.copy': '复制周期',
  'cycle.linkPrevious': '关联上一周期',
  'cycle.publish': '发布',
  'cycle.reopen': '撤销发布',
  'scheme.save': '修改方案',
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
