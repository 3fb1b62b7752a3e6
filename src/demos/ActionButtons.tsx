/**
 * A row of buttons that each start one action of a demo (ask for a status code, run a
 * timeline). While an action runs they stay focusable but say they are unavailable
 * (`aria-disabled`, not `disabled`), so keyboard focus is not thrown back to the page.
 */
export interface Action<T extends string | number> {
  value: T;
  label: string;
}

export interface ActionButtonsProps<T extends string | number> {
  actions: readonly Action<T>[];
  busy: boolean;
  /** The `data-*` attribute naming each button's value, for styles and tests. */
  dataName: string;
  onAction: (value: T) => void;
}

export function ActionButtons<T extends string | number>({
  actions,
  busy,
  dataName,
  onAction,
}: ActionButtonsProps<T>) {
  return (
    <>
      {actions.map(({ value, label }) => (
        <button
          key={value}
          type="button"
          {...{ [`data-${dataName}`]: value }}
          aria-disabled={busy ? 'true' : 'false'}
          onClick={() => onAction(value)}
        >
          {label}
        </button>
      ))}
    </>
  );
}
