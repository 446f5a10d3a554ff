import type { Key, ReactNode } from 'react';
import './data-table.css';

export interface Column<T> {
  /** Unique among the table's columns. */
  key: string;
  header: ReactNode;
  /** The heading is read by screen readers but not shown (e.g. a column of buttons). */
  hideHeader?: boolean;
  cell: (row: T) => ReactNode;
  /** This column names the row: its cells are row headers (<th scope="row">). */
  rowHeader?: boolean;
  /** Class of the column's cells. */
  className?: string;
}

/** The last column: the row's buttons, aligned right, under a heading only screen readers hear. */
export const actionsColumn = <T,>(header: string, cell: (row: T) => ReactNode): Column<T> => ({
  key: 'actions',
  header,
  hideHeader: true,
  className: 'data-table-actions',
  cell,
});

/**
 * The console's one table: column headings, optional row headers, scrolling sideways on narrow
 * screens. Columns are data; what a cell shows is up to the screen.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  rowClassName,
  onRowClick,
  caption,
  className,
}: {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  rowClassName?: (row: T) => string | undefined;
  /** A shortcut for the mouse only: the row must also hold a link or button that does the same. */
  onRowClick?: (row: T) => void;
  /** Read by screen readers only. */
  caption?: ReactNode;
  className?: string;
}) {
  return (
    <div className="data-table-wrap">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.hideHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              className={rowClassName?.(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
            >
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={c.className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={c.className}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
