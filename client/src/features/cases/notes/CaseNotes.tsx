import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { useFormat } from '../../../ui/format';
import { LoadMore } from '../../../ui/LoadMore';
import { Loading } from '../../../ui/Loading';
import { Notice } from '../../../ui/Notice';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { TextField } from '../../../ui/TextField';
import { useDirectory } from '../../directory/useDirectory';
import { useAddNote, useNotes } from './useNotes';

const MAX_NOTE = 20_000;

/** Append-only notes: a new one on top; none can be changed or removed. */
export function CaseNotes({ caseId }: { caseId: string }) {
  const { t } = useTranslation('cases');
  const format = useFormat();
  const directory = useDirectory();
  const notes = useNotes(caseId);
  const add = useAddNote(caseId);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [added, setAdded] = useState(false);
  const items = notes.data?.pages.flatMap((page) => page.items) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    const text = body.trim();
    if (text === '') return setError(t('notes.empty'));
    if (text.length > MAX_NOTE) return setError(t('fieldErrors.too_long'));
    setError(undefined);
    add.mutate(text, {
      onSuccess: () => {
        setBody('');
        setAdded(true);
      },
    });
  };

  return (
    <div className="stack">
      <form className="stack" onSubmit={submit} noValidate>
        <TextField
          label={t('notes.new')}
          description={t('notes.hint')}
          value={body}
          onChange={setBody}
          error={error}
          multiline
          rows={4}
          isRequired
        />
        {add.error && <ProblemMessage error={add.error} />}
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={add.isPending}>
            {t('notes.add')}
          </Button>
        </div>
      </form>
      {added && (
        <Notice tone="success" live>
          {t('notes.added')}
        </Notice>
      )}
      {notes.isPending && <Loading />}
      {notes.error && <ProblemMessage error={notes.error} />}
      {notes.isSuccess && items.length === 0 && <p>{t('notes.none')}</p>}
      {items.length > 0 && (
        <ol className="case-notes" aria-label={t('notes.list')}>
          {items.map((note) => (
            <li key={note.id} className="case-note">
              <p className="case-note__meta">
                {t('notes.meta', {
                  author: directory.staffName(note.authorId) ?? t('summary.someone'),
                  at: format.dateTime(note.createdAt),
                })}
              </p>
              <p className="case-text">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      <LoadMore
        hasMore={notes.hasNextPage}
        isLoading={notes.isFetchingNextPage}
        onLoadMore={() => void notes.fetchNextPage()}
      />
    </div>
  );
}
