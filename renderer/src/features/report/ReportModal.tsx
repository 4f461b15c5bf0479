import { FilePdfOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Modal, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ReportOutput, TaskPhase } from '../../../../shared/contract/api';
import { saveFile } from '../../api/client';
import { useAction } from '../../api/hooks';
import { useTask } from '../../api/tasks';
import { PdfPages } from './PdfPages';
import { LIMITS } from '../../../../shared/domain/limits';

const OFFICE_KEY = 'report.office';
const CONFIDENTIAL_KEY = 'report.confidential';

/**
 * 打印报告: the ranking report (or one unit's score card) as it will come out of the printer — the
 * PDF itself in the preview — then 打印 or 导出 PDF. The issuing office and the confidentiality
 * mark are remembered for next time. While a report is made its progress is shown, with 取消.
 */
export function ReportModal(props: {
  cycleId: number;
  /** One unit's score card only: its code and name. */
  target?: { code: string; name: string } | null;
  onClose: () => void;
}) {
  const { run, busy } = useAction();
  const [office, setOffice] = useState(() => localStorage.getItem(OFFICE_KEY) ?? '');
  const [confidential, setConfidential] = useState(() => localStorage.getItem(CONFIDENTIAL_KEY) !== 'false');
  const [cards, setCards] = useState(true);
  const [report, setReport] = useState<ReportOutput | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const job = useTask();
  const frame = useRef<HTMLIFrameElement>(null);
  const latest = useRef(0);
  const target = props.target ?? null;

  // the options are read when the preview is made, not on every keystroke
  const build = async () => {
    localStorage.setItem(OFFICE_KEY, office.trim());
    localStorage.setItem(CONFIDENTIAL_KEY, String(confidential));
    setFailed(null);
    setCancelled(false);
    // only the latest request's report is shown (an earlier one may come back after it)
    const request = ++latest.current;
    const task = job.begin();
    const r = await run(
      'report:build',
      {
        cycleId: props.cycleId,
        office: office.trim(),
        confidential,
        cards,
        target: target?.code ?? null,
        task,
      },
      { quiet: ['UNAVAILABLE', 'RESULT_STALE', 'NOT_FOUND', 'CANCELLED'] },
    );
    job.end(task);
    if (request !== latest.current) return;
    if ('value' in r) setReport(r.value);
    // the report shown before (if any) stays: it is still what the options made last
    else if (r.error.code === 'CANCELLED') setCancelled(true);
    else {
      setReport(null);
      setFailed(r.error.message);
    }
  };

  // the first preview with the remembered options, as soon as the dialog opens (once)
  const first = useRef(true);
  useEffect(() => {
    if (!first.current) return;
    first.current = false;
    void build();
  });

  const print = async () => {
    const w = frame.current?.contentWindow;
    if (!report || !w) return;
    const r = await run('report:record', { token: report.token, use: 'print' });
    if ('value' in r) w.print();
  };
  const exportPdf = async () => {
    if (!report) return;
    const r = await run('report:record', { token: report.token, use: 'pdf' });
    if ('value' in r) saveFile({ fileName: report.fileName, data: report.pdf });
  };

  return (
    <Modal
      open
      centered
      width={900}
      title={target ? `打印得分明细：${target.name}` : '打印排名报告'}
      onCancel={props.onClose}
      footer={
        <Space>
          {report && <Typography.Text type="secondary">A4，共 {report.pages} 页</Typography.Text>}
          <Button onClick={props.onClose}>关闭</Button>
          <Button icon={<FilePdfOutlined />} disabled={!report || busy} onClick={() => void exportPdf()}>
            导出PDF
          </Button>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            disabled={!report || busy}
            onClick={() => void print()}
          >
            打印
          </Button>
        </Space>
      }
    >
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }} onFinish={() => void build()}>
        <Form.Item label="制表单位" htmlFor="report-office">
          <Input
            id="report-office"
            value={office}
            maxLength={LIMITS.name}
            placeholder="如：中共××市委综合考核办公室"
            style={{ width: 260 }}
            onChange={(e) => setOffice(e.target.value)}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={confidential} onChange={(e) => setConfidential(e.target.checked)}>
            标注“内部资料 注意保密”
          </Checkbox>
        </Form.Item>
        {!target && (
          <Form.Item>
            <Checkbox checked={cards} onChange={(e) => setCards(e.target.checked)}>
              附各单位得分明细
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item>
          <Button htmlType="submit" icon={<ReloadOutlined />} loading={busy}>
            重新生成
          </Button>
        </Form.Item>
      </Form>
      {failed && <Alert type="error" showIcon title={failed} style={{ marginBottom: 12 }} />}
      {job.running && (
        <div
          role="status"
          aria-label="生成进度"
          style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12 }}
        >
          <Typography.Text style={{ whiteSpace: 'nowrap' }}>
            {job.cancelling ? '正在取消…' : job.progress ? PHASE_LABELS[job.progress.phase] : '正在准备…'}
          </Typography.Text>
          <Progress
            percent={reportPercent(job.progress)}
            status={job.cancelling ? 'normal' : 'active'}
            style={{ flex: 1, margin: 0 }}
          />
          <Button disabled={job.cancelling} onClick={job.cancel}>
            取消
          </Button>
        </div>
      )}
      {cancelled && (
        <Alert
          type="info"
          showIcon
          closable
          onClose={() => setCancelled(false)}
          title={report ? '已取消生成，下面仍是上一次生成的报告' : '已取消生成报告；可点“重新生成”'}
          style={{ marginBottom: 12 }}
        />
      )}
      {report ? <PdfPages pdf={report.pdf} /> : <div className="report-preview" aria-busy={busy} />}
      {report && (
        // what 打印 prints: the same pages as HTML (Chromium lays them out as it did for the PDF)
        <iframe
          ref={frame}
          title="打印内容"
          className="report-print-frame"
          sandbox="allow-modals allow-same-origin"
          srcDoc={report.html}
        />
      )}
    </Modal>
  );
}

/**
 * The whole of a report's making as one bar: the robustness draws are the first half (the
 * appendix; a unit's score card has none), laying out a tenth, Chromium's printing the rest.
 */
const PHASE_LABELS: Record<TaskPhase, string> = {
  sampling: '正在计算稳健性附录…',
  layout: '正在排版…',
  printing: '正在生成 PDF…',
};
const PHASE_SPAN: Record<TaskPhase, [number, number]> = {
  sampling: [0, 50],
  layout: [50, 10],
  printing: [60, 40],
};
function reportPercent(p: { phase: TaskPhase; fraction: number } | null): number {
  if (!p) return 0;
  const [start, size] = PHASE_SPAN[p.phase];
  return Math.floor(start + size * p.fraction);
}
