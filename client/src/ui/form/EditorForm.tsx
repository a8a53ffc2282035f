import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button } from '../Button';
import { Notice } from '../Notice';
import { SubmitForm, type SubmitFormProps } from './SubmitForm';

/**
 * The form of an editor page (a new record, or a change of one): under its
 * summary the warning that someone else saved first (`stale`: it stands for
 * the refusal and keeps the form from being sent again) and what loading
 * their version did (`reloaded`); its footer saves or goes back (`cancel`).
 */
export function EditorForm({
  isPending,
  stale,
  reloaded,
  error,
  submitLabel,
  cancel,
  ...form
}: SubmitFormProps & {
  className: string;
  isPending: boolean;
  stale?: ReactNode;
  reloaded?: string | false;
  submitLabel: string;
  cancel: { to: string; label: string };
}) {
  return (
    <SubmitForm
      {...form}
      error={stale ? null : error}
      before={
        <>
          {stale}
          {reloaded && (
            <Notice tone="info" live>
              {reloaded}
            </Notice>
          )}
        </>
      }
      actions={
        <>
          <Button type="submit" variant="primary" isDisabled={isPending || Boolean(stale)}>
            {submitLabel}
          </Button>
          <Link className="button button--secondary" to={cancel.to}>
            {cancel.label}
          </Link>
        </>
      }
    />
  );
}

/** Someone else saved a newer version first: what happened, and what to do (`children`). */
export function StaleVersionNotice({
  title,
  explain,
  children,
}: {
  title: string;
  explain: string;
  children: ReactNode;
}) {
  return (
    <div className="notice notice--warning" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <p>{explain}</p>
      {children}
    </div>
  );
}
