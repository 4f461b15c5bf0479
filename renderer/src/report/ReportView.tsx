import { Bar, BarChart, Cell, LabelList, ReferenceArea, XAxis, YAxis } from 'recharts';
import { METHOD_LABELS, MISSING_LABELS } from '../../../shared/domain/method';
import { formatFixed } from '../../../shared/engine/round';
import type { ReportDocument, ReportGroup } from '../../../shared/report/document';
import type { ReportRobustness } from '../../../shared/report/robustness';
import type { ScoreCard } from '../../../shared/report/score-card';
import { worstText } from '../../../shared/report/score-card';

/**
 * The ranking report laid out for A4 paper (SPEC §7): what shared/report/document.ts decided, in
 * print CSS. Rendered in Chromium — by the desktop app in a hidden window, by the command line and
 * the tests in headless Chromium — and printed to PDF there; the same page is the HTML file.
 */
export function ReportView({ doc }: { doc: ReportDocument }) {
  return (
    <>
      {doc.cardsOnly ? <CardsHeading doc={doc} /> : <Cover doc={doc} />}
      {doc.groups.map((g, k) => (
        <GroupSection key={g.code} group={g} index={k} doc={doc} />
      ))}
      {doc.groups.map((g, k) => (
        <ChartPage
          key={g.code}
          precision={doc.precision}
          group={g}
          index={k}
          label={doc.bottomLabel}
          part={k === 0 ? cn(doc.groups.length) : null}
        />
      ))}
      {doc.cards.length > 0 && !doc.cardsOnly && (
        <h1 className="part" id="cards">
          单位考核得分明细
        </h1>
      )}
      {doc.cards.map((c, k) => (
        <Card key={c.code} card={c} precision={doc.precision} first={k === 0} titled={!doc.cardsOnly} />
      ))}
      {doc.robustness && <Robustness r={doc.robustness} label={doc.bottomLabel} />}
      {!doc.cardsOnly && <Appendix doc={doc} />}
    </>
  );
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (k: number): string => CN[k] ?? String(k + 1);
const plain = (x: number | null, d = 4) => (x === null ? '—' : String(Math.round(x * 10 ** d) / 10 ** d));

function Cover({ doc }: { doc: ReportDocument }) {
  const c = doc.cover;
  return (
    <section className="cover">
      <h1 className="title">{c.title}</h1>
      <div className="issuer">
        {c.office && <div>{c.office}</div>}
        <div>{c.date}</div>
      </div>
      <div className="summary">
        {c.summary.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
      <ol className="contents">
        {doc.groups.map((g, k) => (
          <li key={g.code}>
            {cn(k)}、{g.name}排名（{g.table.rows.length} 个单位）
          </li>
        ))}
        <li>{cn(doc.groups.length)}、总分排名图</li>
        {doc.cards.length > 0 && <li>{cn(doc.groups.length + 1)}、单位考核得分明细</li>}
        {doc.robustness && <li>附：{doc.bottomLabel}结果稳健性（权重变动时的末位概率）</li>}
        <li>附：考核方案（指标、权重、计分方法和规则）</li>
      </ol>
      <AuditHead hash={c.auditHead} />
    </section>
  );
}

/** The audit log's head hash when printed: to note down, and check later with audit verify --expect. */
function AuditHead({ hash }: { hash: string | null }) {
  if (hash === null) return null;
  return (
    <p className="audit-head">
      审计日志末条哈希（制表时，供日后核对）：<span className="hash">{hash}</span>
    </p>
  );
}

function CardsHeading({ doc }: { doc: ReportDocument }) {
  const c = doc.cover;
  return (
    <header className="cards-heading">
      <h1 className="title small">{c.title}</h1>
      <div className="issuer-line">
        {c.office && <span>{c.office}</span>}
        <span>{c.date}</span>
      </div>
      {c.summary.map((s) => (
        <p key={s} className="lead">
          {s}
        </p>
      ))}
      <AuditHead hash={c.auditHead} />
    </header>
  );
}

function GroupSection({ group: g, index, doc }: { group: ReportGroup; index: number; doc: ReportDocument }) {
  const p = doc.precision;
  const wide = g.header.length > 13;
  const firstBottom = g.table.rows.findIndex((r) => r.bottom);
  return (
    <section className={`group${wide ? ' wide' : ''}`}>
      <h2>
        {cn(index)}、{g.name}
        {g.combined ? '（合并排名）' : ''}排名
      </h2>
      <table className="ranking">
        <thead>
          <tr>
            {g.header.map((h, k) => (
              <th
                key={k}
                className={k === 1 ? 'name' : k > 2 && k < 3 + g.table.indicators.length ? 'ind' : undefined}
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {g.table.rows.map((r, k) => (
            <tr
              key={r.code}
              className={[
                r.bottom ? 'bottom' : '',
                k === firstBottom ? 'boundary' : '',
                r.exempt ? 'exempt' : '',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              <td className="num">{r.rank ?? '—'}</td>
              <td className="name">{r.name}</td>
              <td className="num">{formatFixed(r.total, p)}</td>
              {r.subtotals.map((s, j) => (
                <td key={j} className="num">
                  {s === null ? '—' : formatFixed(s, p)}
                </td>
              ))}
              <td className="num">{formatFixed(r.bonus, p)}</td>
              <td className="num">{formatFixed(r.deduction, p)}</td>
              <td className="c">{r.grade ?? '—'}</td>
              <td className="c">{r.change}</td>
              <td className="flags">{r.bottom ? `▲ ${r.flags}` : r.flags}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="legend">{g.legend}</p>
      {g.notes.map((n) => (
        <p key={n} className="note">
          {n}
        </p>
      ))}
    </section>
  );
}

const BAR = 22;

function ChartPage(props: {
  group: ReportGroup;
  index: number;
  label: string;
  part: string | null;
  precision: number;
}) {
  const { group: g, index, label } = props;
  const rows = g.chart.map((c) => ({ ...c, label: formatFixed(c.total, props.precision) }));
  // the chart fits one page under its headings; a long group gets thinner bars and smaller names
  const height = Math.min(740, 70 + BAR * Math.max(rows.length, 3));
  const band = (height - 70) / Math.max(rows.length, 3);
  const font = Math.max(7, Math.min(12, Math.floor(band * 0.8)));
  const first = rows.length - g.boundary;
  return (
    <section className="chart-page">
      {props.part && <h1 className="part">{props.part}、总分排名图</h1>}
      <h2>{g.name}总分排名图</h2>
      <p className="chart-lead">
        按名次由高到低排列；斜线填充、虚线框内为{label}（{g.boundary} 个单位）。免于排名的单位不列入。
      </p>
      <BarChart
        width={660}
        height={height}
        data={rows}
        layout="vertical"
        margin={{ top: 8, right: 56, bottom: 8, left: 8 }}
      >
        <defs>
          <pattern
            id={`hatch-${index}`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#fff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#000" strokeWidth="2.2" />
          </pattern>
        </defs>
        <XAxis type="number" domain={[0, 'auto']} tick={{ fontSize: 11, fill: '#000' }} stroke="#000" />
        <YAxis
          type="category"
          dataKey="name"
          width={112}
          interval={0}
          tick={{ fontSize: font, fill: '#000' }}
          stroke="#000"
        />
        {g.boundary > 0 && rows.length > 0 && (
          <ReferenceArea
            y1={rows[first]?.name}
            y2={rows[rows.length - 1]?.name}
            fill="none"
            stroke="#000"
            strokeWidth={1.5}
            strokeDasharray="6 3"
            ifOverflow="extendDomain"
            label={{ value: label, position: 'insideBottomRight', fontSize: 11, fill: '#000' }}
          />
        )}
        <Bar
          dataKey="total"
          isAnimationActive={false}
          stroke="#000"
          strokeWidth={0.6}
          barSize={Math.max(3, Math.min(16, Math.floor(band * 0.7)))}
        >
          {rows.map((r) => (
            <Cell key={r.name} fill={r.bottom ? `url(#hatch-${index})` : '#9a9a9a'} />
          ))}
          <LabelList
            dataKey="label"
            position="right"
            style={{ fontSize: Math.min(11, font), fill: '#000' }}
          />
        </Bar>
      </BarChart>
    </section>
  );
}

function Card(props: { card: ScoreCard; precision: number; first: boolean; titled: boolean }) {
  const { card: c, precision: p } = props;
  const worst = worstText(c);
  return (
    <section className={`card${props.first ? ' first' : ''}`}>
      {props.titled && (
        <h2>
          {c.name}
          <span className="sub">（{c.categoryName}）</span>
        </h2>
      )}
      <table className="facts">
        <tbody>
          <tr>
            <th>总分</th>
            <td className="strong">{c.total}</td>
            <th>加分</th>
            <td>{c.bonus}</td>
            <th>扣分</th>
            <td>{c.deduction}</td>
          </tr>
        </tbody>
      </table>
      {c.exemptReason && <p className="standing">免于排名：{c.exemptReason}</p>}
      {c.standings.map((s) => (
        <p key={s.group} className={`standing${s.bottom ? ' bottom' : ''}`}>
          {s.bottom ? '▲ ' : ''}
          {s.text}
          {s.gap ? `；${s.gap}` : ''}
        </p>
      ))}
      {worst && <p className="standing">{worst}。</p>}
      <table className="leaves">
        <thead>
          <tr>
            <th className="name">指标</th>
            <th>计分方法</th>
            <th>分值</th>
            <th>原始值</th>
            <th>标准化得分</th>
            <th>得分</th>
            <th>类别中位数</th>
            <th>较满分失分</th>
            <th>较中位数失分</th>
          </tr>
        </thead>
        <tbody>
          {c.leaves.map((l) => (
            <tr key={l.indicator}>
              <td className="name">
                {l.indicator} {l.name}
              </td>
              <td>
                {METHOD_LABELS[l.method]}
                {l.imputed ? `（缺失，${MISSING_LABELS[l.imputed]}）` : ''}
              </td>
              <td className="num">{plain(l.weight, 2)}</td>
              <td className="num">{plain(l.raw)}</td>
              <td className="num">{plain(l.score)}</td>
              <td className="num">{formatFixed(l.points, p)}</td>
              <td className="num">{formatFixed(l.median, p)}</td>
              <td className="num">{formatFixed(l.lostVsFull, p)}</td>
              <td className="num">{l.lostVsMedian > 0 ? formatFixed(l.lostVsMedian, p) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.adjustments.map((a) => (
        <div key={a.indicator} className="items">
          <h3>
            {a.kind === 'bonus' ? '加分' : '扣分'}：{a.name}（合计 {plain(a.sum)}，上限 {plain(a.cap)}，计{' '}
            {plain(a.applied)} 分）
          </h3>
          <ItemsTable items={a.items} points />
        </div>
      ))}
      {c.vetoItems.length > 0 && (
        <div className="items">
          <h3>一票否决事项</h3>
          <ItemsTable items={c.vetoItems} points={false} />
        </div>
      )}
    </section>
  );
}

function ItemsTable({ items, points }: { items: ScoreCard['vetoItems']; points: boolean }) {
  return (
    <table className="list">
      <thead>
        <tr>
          {points && <th>分值</th>}
          <th className="name">事由</th>
          <th>文号</th>
        </tr>
      </thead>
      <tbody>
        {items.map((it, k) => (
          <tr key={k}>
            {points && <td className="num">{plain(it.points)}</td>}
            <td className="name">{it.reason}</td>
            <td>{it.docNo || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Robustness({ r, label }: { r: ReportRobustness; label: string }) {
  return (
    <section className="appendix robustness">
      <h1 className="part">附：{label}结果稳健性</h1>
      <p className="note">{r.method}</p>
      <p className="note">{r.reading}</p>
      {r.groups.length === 0 && <p>本周期没有标记{label}的单位。</p>}
      <table className="list robust">
        <thead>
          <tr>
            <th className="name">排名组</th>
            <th className="name">单位</th>
            <th>名次</th>
            <th>{label}概率</th>
            <th>名次区间</th>
            <th className="name">结论</th>
          </tr>
        </thead>
        <tbody>
          {r.groups.flatMap((g) =>
            g.rows.map((row, k) => (
              <tr key={`${g.name}-${row.name}`} className={row.flagged ? 'bottom' : undefined}>
                {k === 0 && (
                  <td className="name" rowSpan={g.rows.length}>
                    {g.name}
                  </td>
                )}
                <td className="name">
                  {row.flagged ? '▲ ' : ''}
                  {row.name}
                </td>
                <td className="num">{row.rank}</td>
                <td className="num">{row.p}</td>
                <td className="num">{row.range}</td>
                <td className="name">{row.verdict}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

function Appendix({ doc }: { doc: ReportDocument }) {
  const a = doc.appendix;
  return (
    <section className="appendix">
      <h1 className="part">附：考核方案</h1>
      <h3>一、考核类别</h3>
      <table className="list narrow">
        <thead>
          <tr>
            <th>编码</th>
            <th className="name">类别</th>
            <th>单位数</th>
          </tr>
        </thead>
        <tbody>
          {a.categories.map((c) => (
            <tr key={c.code}>
              <td>{c.code}</td>
              <td className="name">{c.name}</td>
              <td className="num">{c.targets}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>二、指标体系、计分方法和各类别分值</h3>
      <table className="list tree">
        <thead>
          <tr>
            <th className="name">指标</th>
            <th>计分方法</th>
            <th className="name">参数</th>
            {a.categories.map((c) => (
              <th key={c.code}>{c.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {a.indicators.map((i) => (
            <tr key={i.code} className={i.depth === 0 ? 'top' : undefined}>
              <td className="name" style={{ paddingLeft: `${0.3 + i.depth * 1.2}em` }}>
                {i.code} {i.name}
              </td>
              <td>{i.method}</td>
              <td className="name params">{i.params || '—'}</td>
              {i.weights.map((w, k) => (
                <td key={k} className="num">
                  {w || '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {a.groups.length > 0 && (
        <>
          <h3>三、评价主体及权重</h3>
          <table className="list narrow">
            <thead>
              <tr>
                <th className="name">评价主体</th>
                <th>权重</th>
              </tr>
            </thead>
            <tbody>
              {a.groups.map((g) => (
                <tr key={g.name}>
                  <td className="name">{g.name}</td>
                  <td className="num">{g.weight}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{a.groups.length > 0 ? '四' : '三'}、计分和排名规则</h3>
      <table className="list rules">
        <tbody>
          {a.rules.map((r) => (
            <tr key={r.label}>
              <th>{r.label}</th>
              <td className="name">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
