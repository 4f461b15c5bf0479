import { Space, Typography } from 'antd';

/** A screen's title with the cycle it is about, and its actions on the right. */
export function PageHeader(props: { title: string; cycle?: string; children?: React.ReactNode }) {
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {props.title}
        {props.cycle && (
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginLeft: 8 }}>
            {props.cycle}
          </Typography.Text>
        )}
      </Typography.Title>
      {props.children && <Space wrap>{props.children}</Space>}
    </Space>
  );
}
