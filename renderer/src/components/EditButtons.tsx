import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';

/** “添加…” under an editable table. */
export function AddButton(props: { onClick: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <Button
      icon={<PlusOutlined />}
      type="dashed"
      size="small"
      style={{ marginTop: 8 }}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      {props.children}
    </Button>
  );
}

/** A row's delete button, asking first (destructive actions are confirmed). */
export function DeleteConfirm(props: {
  title: string;
  label: string;
  disabled?: boolean;
  /** Shown instead of deleting: why it cannot be deleted now. */
  blocked?: boolean;
  onConfirm: () => void;
}) {
  return (
    <Popconfirm
      title={props.title}
      disabled={props.disabled}
      okButtonProps={{ disabled: props.blocked, danger: true }}
      okText="删除"
      onConfirm={props.onConfirm}
    >
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        disabled={props.disabled}
        aria-label={props.label}
      />
    </Popconfirm>
  );
}
