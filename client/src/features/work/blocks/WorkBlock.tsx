import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../../ui/Loading';
import { ProblemMessage } from '../../../ui/ProblemMessage';

/**
 * One block of My work: a titled section with its own loading, error and
 * empty states, and a link to the full list. Each block is one request.
 */
export function WorkBlock({
  id,
  title,
  count,
  query,
  isEmpty,
  empty,
  more,
  children,
}: {
  id: string;
  title: string;
  /** What the heading says beside the title, in words ("3 pendientes"). */
  count?: string;
  query: { isPending: boolean; error: unknown };
  isEmpty: boolean;
  empty: string;
  /** The full list (omitted when there is none). */
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  const headingId = `${id}-title`;
  const body = () => {
    if (query.isPending) return <Loading />;
    if (query.error) return <ProblemMessage error={query.error} />;
    if (isEmpty) return <p className="work-block__empty">{empty}</p>;
    return children;
  };
  return (
    <section className="panel work-block" aria-labelledby={headingId}>
      <h2 id={headingId} className="work-block__title">
        {title}
        {count !== undefined && <span className="badge work-block__count">{count}</span>}
      </h2>
      {body()}
      {more && (
        <p className="work-block__more">
          <Link to={more.to}>{more.label}</Link>
        </p>
      )}
    </section>
  );
}
