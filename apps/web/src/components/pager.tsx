import { useTranslation } from 'react-i18next';
import './pager.css';

/** How many pages a paged answer ({ total, perPage }) has: at least one. */
export const pageCount = ({ total, perPage }: { total: number; perPage: number }) =>
  Math.max(1, Math.ceil(total / perPage));

export interface PagerLabels {
  /** The navigation landmark's accessible name. */
  label?: string;
  previous?: string;
  next?: string;
}

/**
 * Previous / "Page X of Y" / Next for a paged list; renders nothing when there is a single page.
 * Labels default to common:pager.*; a screen passes its own where its wording differs.
 *
 * @example <Pager page={page} pages={pages} onPage={setPage} />
 */
export function Pager({
  page,
  pages,
  onPage,
  className,
  buttonClassName = 'button button-secondary',
  labels = {},
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** The screen's own class, for where its stylesheet places the pager. */
  className?: string;
  buttonClassName?: string;
  labels?: PagerLabels;
}) {
  const { t } = useTranslation('common');
  if (pages <= 1) return null;
  return (
    <nav className={className ? `pager ${className}` : 'pager'} aria-label={labels.label ?? t('pager.label')}>
      <button type="button" className={buttonClassName} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {labels.previous ?? t('pager.previous')}
      </button>
      <span>{t('pager.pageOf', { page, pages })}</span>
      <button
        type="button"
        className={buttonClassName}
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {labels.next ?? t('pager.next')}
      </button>
    </nav>
  );
}
