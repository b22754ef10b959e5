import { Fragment } from 'react';

/**
 * An exchange identifier such as `internal-affairs/population/person-by-fin`, in monospace, with
 * line-break opportunities after each slash: a 40-character code must not push a phone layout
 * sideways, and the slashes are where a reader expects it to break. On a phone a part may still
 * break after a hyphen (`digital-development-transport` is wider than a card's value column); on
 * a desktop the parts stay whole unless the table asks otherwise (.table--dense).
 */
export function CodePath({ value, className }: { value: string; className?: string }) {
  const parts = value.split('/');
  return (
    <span className={className === undefined ? 'code code--path' : `code code--path ${className}`}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          <span className="code__part">
            {part}
            {index < parts.length - 1 && '/'}
          </span>
          {index < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
