import type { ReactNode } from 'react';
import { Link, Outlet, useRouteError } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { LanguageSwitcher } from './LanguageSwitcher';

interface Way {
  to: string;
  label: string;
}

/** A public site's header: its name (a link home), its navigation if any, the language switcher. */
export function PublicHeader({
  className,
  home,
  nav,
}: {
  className?: string;
  home: Way & { className: string };
  nav?: ReactNode;
}) {
  return (
    <header className={className ? `site-header ${className}` : 'site-header'}>
      <p className="site-header__brand">
        <span className="site-header__mark" aria-hidden="true" />
        <Link to={home.to} className={home.className}>
          {home.label}
        </Link>
      </p>
      {nav}
      <div className="site-header__user">
        <LanguageSwitcher />
      </div>
    </header>
  );
}

/** A public site's footer: what it is, and the way to the staff's application. */
export function PublicFooter({
  className,
  about,
  staff,
}: {
  className: string;
  about: string;
  staff: string;
}) {
  return (
    <footer className={className}>
      <p>{about}</p>
      <p>
        {/* A full page load on purpose: a public document may be cached, the
            signed-in application must start in a document of its own (no-store). */}
        <a href="/">{staff}</a>
      </p>
    </footer>
  );
}

/** A public site's frame: no account, no session; the skip link, its header, the page, its footer. */
export function PublicLayout({
  skipToContent,
  header,
  footer,
}: {
  skipToContent: string;
  header: ReactNode;
  footer: ReactNode;
}) {
  return (
    <>
      <a className="skip-link" href="#main">
        {skipToContent}
      </a>
      {header}
      <main id="main" className="content">
        <Outlet />
      </main>
      {footer}
    </>
  );
}

/** An address of a public site that shows nothing. */
export function PublicNotFound({
  title,
  explanation,
  back,
}: {
  title: string;
  explanation: string;
  back: Way;
}) {
  return (
    <>
      <PageHeader title={title} />
      <p>{explanation}</p>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </>
  );
}

/** A page of a public site that failed: a sentence, and the way back. */
export function PublicError({
  header,
  title,
  back,
}: {
  header: ReactNode;
  title: string;
  back: Way;
}) {
  const error = useRouteError();
  return (
    <>
      {header}
      <main id="main" className="content">
        <h1 id="page-title">{title}</h1>
        <ProblemMessage error={error} />
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
      </main>
    </>
  );
}
