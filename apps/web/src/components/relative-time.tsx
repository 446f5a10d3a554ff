import { useFormat } from '../lib/format';

/** "3 minutes ago", with the exact date and time on hover; `fallback` (muted) when there is no date. */
export function RelativeTime({ value, fallback }: { value: string | null; fallback: string }) {
  const format = useFormat();
  if (!value) return <span className="muted">{fallback}</span>;
  return (
    <time dateTime={value} title={format.dateTime(value)}>
      {format.relative(value)}
    </time>
  );
}
