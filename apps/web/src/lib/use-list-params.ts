import { useSearchParams } from 'react-router-dom';

/**
 * A paged list's filters and page, kept in the URL (so a link or a reload shows the same list). Changing
 * a filter goes back to page 1 and replaces the history entry; turning a page adds one, for Back.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: key !== 'page' });
  };
  const setPage = (p: number) => setParam('page', String(p));
  return { params, setParams, page, setParam, setPage };
}
