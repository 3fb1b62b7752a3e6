/**
 * A table of counts as the console shows them: a caption, one header per column, one row
 * per thing counted, its name as the row's header. Readable without colour or bars.
 */
import type { ComponentChildren } from 'preact';

export interface CountRow {
  key: string;
  name: ComponentChildren;
  cells: ComponentChildren[];
  class?: string;
}

export interface CountTableProps {
  caption: string;
  /** The first column's header, then one per cell. */
  columns: string[];
  rows: CountRow[];
  /** Shows the caption to sighted readers too (it is screen-reader only otherwise). */
  visibleCaption?: boolean;
  testId?: string;
  class?: string;
}

export default function CountTable({
  caption,
  columns,
  rows,
  visibleCaption,
  testId,
  ...props
}: CountTableProps) {
  return (
    <table class={`console-table ${props.class ?? ''}`} data-testid={testId}>
      <caption class={visibleCaption ? undefined : 'sr-only'}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} class={r.class}>
            <th scope="row">{r.name}</th>
            {r.cells.map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
