import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import type { CombinedGroup, Rules } from '../../../../shared/domain/rules';
import { RULE_LABELS } from '../../../../shared/domain/rules';
import type { EditorProps } from './SchemePage';

const GRADES = ['优秀', '良好', '一般', '较差'] as const;

/** 规则: full score, rounding, bottom-N, grades and their quota, rank-change thresholds, rating trims. */
export function RulesEditor(props: EditorProps) {
  const { scheme, onChange, editable, issues } = props;
  const r = scheme.rules;
  const set = <K extends keyof Rules>(key: K, value: Rules[K]) =>
    onChange({ ...scheme, rules: { ...r, [key]: value } });
  const num =
    <K extends keyof Rules>(key: K) =>
    (v: number | string | null) => {
      if (typeof v === 'number') set(key, v as Rules[K]);
    };
  const ruleIssues = issues.filter((i) => i.ref.startsWith('rule:'));
  const points = Object.entries(r.gradePoints);
  const setPoints = (list: [string, number][]) => set('gradePoints', Object.fromEntries(list));
  const setCombined = (list: CombinedGroup[]) => set('combinedGroups', list);

  return (
    <Form layout="vertical" disabled={!editable} style={{ maxWidth: 980 }}>
      {ruleIssues.map((i, k) => (
        <Alert
          key={k}
          type={i.level === 'error' ? 'error' : 'warning'}
          showIcon
          title={`${RULE_LABELS[i.ref.slice(5) as keyof Rules] ?? i.ref}：${i.message}`}
          style={{ marginBottom: 8 }}
        />
      ))}
      <Row gutter={24}>
        <Col span={6}>
          <Form.Item label={RULE_LABELS.fullScore}>
            <InputNumber
              aria-label={RULE_LABELS.fullScore}
              min={1}
              value={r.fullScore}
              onChange={num('fullScore')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={RULE_LABELS.precision} extra="总分四舍五入一次后排名">
            <InputNumber
              aria-label={RULE_LABELS.precision}
              min={0}
              max={6}
              precision={0}
              value={r.precision}
              onChange={num('precision')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={RULE_LABELS.bottomN} extra="每个类别标记末几位">
            <InputNumber
              aria-label={RULE_LABELS.bottomN}
              min={0}
              precision={0}
              value={r.bottomN}
              onChange={num('bottomN')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={RULE_LABELS.bottomGrade}>
            <Select
              aria-label={RULE_LABELS.bottomGrade}
              value={r.bottomGrade}
              onChange={(v) => set('bottomGrade', v)}
              options={GRADES.map((g) => ({ value: g, label: g }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item label={RULE_LABELS.bottomTies}>
            <Radio.Group
              value={r.bottomTies}
              onChange={(e) => set('bottomTies', e.target.value as Rules['bottomTies'])}
              options={[
                { value: 'includeTies', label: '与末位并列者一并标记' },
                { value: 'strict', label: '严格：并列须先用比较指标分出先后' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={RULE_LABELS.vetoToBottom}>
            <Switch
              aria-label={RULE_LABELS.vetoToBottom}
              checked={r.vetoToBottom}
              onChange={(v) => set('vetoToBottom', v)}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={RULE_LABELS.trimMin} extra="评价人数达到此数时去掉最高、最低分">
            <InputNumber
              aria-label={RULE_LABELS.trimMin}
              min={0}
              precision={0}
              value={r.trimMin}
              onChange={num('trimMin')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={24}>
        <Col span={6}>
          <Form.Item label={`${RULE_LABELS.excellentQuota}（%）`} extra="优秀名额上限，并列超出时都不评优秀">
            <InputNumber
              aria-label={RULE_LABELS.excellentQuota}
              min={0}
              max={100}
              value={Math.round(r.excellentQuota * 10000) / 100}
              onChange={(v) => typeof v === 'number' && set('excellentQuota', v / 100)}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={RULE_LABELS.excellentMin}>
            <InputNumber
              aria-label={RULE_LABELS.excellentMin}
              value={r.excellentMin}
              placeholder="不限"
              onChange={(v) => set('excellentMin', typeof v === 'number' ? v : null)}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={RULE_LABELS.poorBelow}>
            <InputNumber
              aria-label={RULE_LABELS.poorBelow}
              value={r.poorBelow}
              onChange={num('poorBelow')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={3}>
          <Form.Item label={RULE_LABELS.riseBy}>
            <InputNumber
              aria-label={RULE_LABELS.riseBy}
              min={0}
              precision={0}
              value={r.riseBy}
              onChange={num('riseBy')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={3}>
          <Form.Item label={RULE_LABELS.fallBy}>
            <InputNumber
              aria-label={RULE_LABELS.fallBy}
              min={0}
              precision={0}
              value={r.fallBy}
              onChange={num('fallBy')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={24}>
        <Col span={12}>
          <Form.Item label={`${RULE_LABELS.gradePoints}（评议等次折合的分数）`}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {points.map(([word, p], k) => (
                <Space key={k}>
                  <Input
                    aria-label="等次"
                    value={word}
                    style={{ width: 120 }}
                    onChange={(e) => setPoints(points.map((x, i) => (i === k ? [e.target.value, x[1]] : x)))}
                  />
                  <InputNumber
                    aria-label={`${word} 分数`}
                    min={0}
                    max={100}
                    value={p}
                    onChange={(v) =>
                      typeof v === 'number' && setPoints(points.map((x, i) => (i === k ? [x[0], v] : x)))
                    }
                  />
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label="删除等次"
                    onClick={() => setPoints(points.filter((_, i) => i !== k))}
                  />
                </Space>
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => setPoints([...points, ['新等次', 60]])}
              >
                添加等次
              </Button>
            </Space>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={RULE_LABELS.tieBreakers} extra="总分相同时依次比较这些指标的得分">
            <Select
              aria-label={RULE_LABELS.tieBreakers}
              mode="multiple"
              value={r.tieBreakers}
              onChange={(v: string[]) => set('tieBreakers', v)}
              options={scheme.indicators.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={`${RULE_LABELS.combinedGroups}（跨类别另行排名，如 市直部门 = 经济部门 + 社会事业部门 + 党群部门）`}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {r.combinedGroups.map((g, k) => (
            <Space key={k} wrap>
              <Input
                aria-label="合并组编码"
                value={g.code}
                style={{ width: 90 }}
                onChange={(e) =>
                  setCombined(
                    r.combinedGroups.map((x, i) => (i === k ? { ...x, code: e.target.value.trim() } : x)),
                  )
                }
              />
              <Input
                aria-label="合并组名称"
                value={g.name}
                style={{ width: 160 }}
                onChange={(e) =>
                  setCombined(r.combinedGroups.map((x, i) => (i === k ? { ...x, name: e.target.value } : x)))
                }
              />
              <Select
                aria-label="合并组包含的类别"
                mode="multiple"
                style={{ minWidth: 360 }}
                value={g.categories}
                onChange={(v: string[]) =>
                  setCombined(r.combinedGroups.map((x, i) => (i === k ? { ...x, categories: v } : x)))
                }
                options={scheme.categories.map((c) => ({ value: c.code, label: c.name }))}
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label="删除合并组"
                onClick={() => setCombined(r.combinedGroups.filter((_, i) => i !== k))}
              />
            </Space>
          ))}
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() =>
              setCombined([
                ...r.combinedGroups,
                { code: `Z${r.combinedGroups.length + 1}`, name: '合并组', categories: [] },
              ])
            }
          >
            添加合并排名组
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
