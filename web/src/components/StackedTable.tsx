import { useId, type ReactNode } from 'react';

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
}

interface StackedTableProps {
  readonly caption: string;
  readonly columns: readonly Column[];
  /** Tighter cells for tables with many columns. */
  readonly dense?: boolean;
  /** The body rows (`<tr role="row">`). */
  readonly children: ReactNode;
}

/**
 * A data table that becomes stacked cards on a phone (see .table--stacked in styles.css). CSS
 * display changes can strip table semantics in some browsers, hence the explicit roles. The
 * region is focusable so keyboard users can scroll it if a row is still too wide.
 */
export function StackedTable({ caption, columns, dense = false, children }: StackedTableProps) {
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table
        className={dense ? 'table table--stacked table--dense' : 'table table--stacked'}
        role="table"
      >
        <caption id={captionId} className="table__caption">
          {caption}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                role="columnheader"
                className={column.numeric === true ? 'numeric' : undefined}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">{children}</tbody>
      </table>
    </div>
  );
}
