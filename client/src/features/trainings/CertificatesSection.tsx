import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { ScrollRegion } from '../../ui/charts';
import { Dialog } from '../../ui/Dialog';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { TextField } from '../../ui/TextField';
import { sheetOrder } from './attendance-sheet';
import {
  useCertificates,
  useDownloadCertificate,
  useIssueCertificates,
  useRevokeCertificate,
  type Certificate,
} from './useCertificates';
import { useFeatureErrorText } from '../../ui/form/forms';
import { useTrainingFormat, useTrainingProblems } from './useTrainingText';
import { useRoster, type Enrolment, type ProgrammeDetail } from './useTrainings';

interface Row {
  person: Enrolment;
  valid: Certificate | undefined;
  revoked: Certificate[];
}

/**
 * Certificates for those who completed: issued to all at once or one by one,
 * downloaded as PDF, revoked with a reason. Each row is a participant; a
 * revoked certificate stays listed under them (the verification page says
 * it was revoked), and a new one can be issued if it is due.
 */
export function CertificatesSection({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation('trainings');
  const format = useTrainingFormat();
  const problems = useTrainingProblems();
  const roster = useRoster(programme.id);
  const certificates = useCertificates(programme.id);
  const issue = useIssueCertificates(programme.id);
  const download = useDownloadCertificate();
  const [revoking, setRevoking] = useState<{ certificate: Certificate; name: string }>();
  const [done, setDone] = useState<string>();

  const byParticipant = new Map<string, Certificate[]>();
  for (const certificate of certificates.data?.items ?? []) {
    const list = byParticipant.get(certificate.participantId) ?? [];
    list.push(certificate);
    byParticipant.set(certificate.participantId, list);
  }
  const people = sheetOrder(roster.data?.items ?? [], format.locale);
  const rows: Row[] = people
    .filter((person) => person.completed || byParticipant.has(person.participantId))
    .map((person) => {
      const held = byParticipant.get(person.participantId) ?? [];
      return {
        person,
        valid: held.find((c) => c.status === 'valid'),
        revoked: held.filter((c) => c.status === 'revoked'),
      };
    });
  const due = rows.filter((row) => row.person.completed && !row.valid);
  const caption = t('certificates.caption', { count: rows.length });
  const nameOf = (person: Enrolment) => person.fullName ?? t('participants.erased');

  const issueTo = (who: { allCompleted: true } | { participantIds: string[] }, count: number) => {
    setDone(undefined);
    issue.mutate(who, { onSuccess: () => setDone(t('certificates.issued', { count })) });
  };

  return (
    <section className="training-section" aria-labelledby="certificates-title">
      <div className="training-section-header">
        <h2 id="certificates-title">{t('certificates.title')}</h2>
        {due.length > 0 && (
          <Button
            variant="primary"
            isDisabled={issue.isPending}
            onPress={() => issueTo({ allCompleted: true }, due.length)}
          >
            {t('certificates.issueAll', { count: due.length })}
          </Button>
        )}
      </div>
      <p className="field__description">{t('certificates.help')}</p>
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      {issue.isError && <ProblemMessage error={issue.error} messages={problems} />}
      {download.isError && <ProblemMessage error={download.error} messages={problems} />}
      {(roster.isPending || certificates.isPending) && <Loading />}
      {roster.isError && <ProblemMessage error={roster.error} />}
      {certificates.isError && <ProblemMessage error={certificates.error} />}
      {roster.isSuccess && certificates.isSuccess && rows.length === 0 && (
        <p>{t('certificates.noneCompleted')}</p>
      )}
      {rows.length > 0 && certificates.isSuccess && (
        <ScrollRegion label={caption}>
          <table className="table training-certificates">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('participants.fullName')}</th>
                <th scope="col">{t('certificates.status')}</th>
                <th scope="col">{t('certificates.code')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('participants.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ person, valid, revoked }) => (
                <tr key={person.participantId}>
                  <th scope="row">{nameOf(person)}</th>
                  <td>
                    {valid ? (
                      <>
                        <span className="badge badge--ok">{t('certificates.valid')}</span>
                        <span className="training-subtle">
                          {t('certificates.issuedOn', { date: format.date(valid.issuedOn) })}
                        </span>
                      </>
                    ) : (
                      <span className="badge badge--warning">{t('certificates.notIssued')}</span>
                    )}
                    {revoked.map((c) => (
                      <span key={c.id} className="training-subtle training-revoked">
                        {t('certificates.revokedOn', {
                          date: c.revokedOn ? format.date(c.revokedOn) : '—',
                          reason: c.revocationReason ?? '—',
                        })}
                      </span>
                    ))}
                  </td>
                  <td className="training-code">
                    {valid?.code ? (
                      // What anyone who checks the code sees (the public verification page).
                      <Link to={`/verificar/${valid.code}`}>{valid.code}</Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    <div className="training-row-actions">
                      {valid ? (
                        <>
                          <Button
                            variant="secondary"
                            isDisabled={download.isPending}
                            aria-label={t('certificates.downloadNamed', { name: nameOf(person) })}
                            onPress={() => {
                              setDone(undefined);
                              download.mutate(valid);
                            }}
                          >
                            {t('certificates.download')}
                          </Button>
                          <Button
                            variant="quiet"
                            aria-label={t('certificates.revokeNamed', { name: nameOf(person) })}
                            onPress={() => {
                              setDone(undefined);
                              setRevoking({ certificate: valid, name: nameOf(person) });
                            }}
                          >
                            {t('certificates.revoke')}
                          </Button>
                        </>
                      ) : (
                        person.completed && (
                          <Button
                            variant="secondary"
                            isDisabled={issue.isPending}
                            aria-label={t('certificates.issueNamed', { name: nameOf(person) })}
                            onPress={() => issueTo({ participantIds: [person.participantId] }, 1)}
                          >
                            {t('certificates.issue')}
                          </Button>
                        )
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {revoking && (
        <RevokeDialog
          programmeId={programme.id}
          certificate={revoking.certificate}
          name={revoking.name}
          onClose={(revoked) => {
            setRevoking(undefined);
            if (revoked) setDone(t('certificates.revoked'));
          }}
        />
      )}
    </section>
  );
}

/** Revoking asks why: the reason is kept with the certificate (never shown publicly). */
function RevokeDialog({
  programmeId,
  certificate,
  name,
  onClose,
}: {
  programmeId: string;
  certificate: Certificate;
  name: string;
  onClose: (revoked: boolean) => void;
}) {
  const { t } = useTranslation('trainings');
  const translateError = useFeatureErrorText('trainings');
  const problems = useTrainingProblems();
  const revoke = useRevokeCertificate(programmeId, certificate.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const serverCode = isProblem(revoke.error)
    ? revoke.error.fieldErrors().get('reason')?.code
    : undefined;
  const fieldError = error ?? translateError(serverCode);

  const submit = () => {
    const text = reason.trim();
    if (text === '') {
      setError(translateError('required'));
      return;
    }
    setError(undefined);
    revoke.mutate(text, { onSuccess: () => onClose(true) });
  };

  return (
    <Dialog
      role="alertdialog"
      title={t('certificates.revokeTitle')}
      isOpen
      onOpenChange={(open) => !open && onClose(false)}
      isDismissable={!revoke.isPending}
    >
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p>{t('certificates.revokeWho', { name, code: certificate.code ?? '—' })}</p>
        <p>{t('certificates.revokeExplain')}</p>
        {revoke.isError && !fieldError && (
          <ProblemMessage error={revoke.error} messages={problems} />
        )}
        <TextField
          id="revocation-reason"
          label={t('certificates.reason')}
          description={t('certificates.reasonHelp')}
          value={reason}
          onChange={setReason}
          error={fieldError}
          isRequired
          multiline
          rows={3}
          maxLength={500}
          isDisabled={revoke.isPending}
          autoFocus
        />
        <div className="actions">
          <Button type="submit" variant="danger" isDisabled={revoke.isPending}>
            {t('certificates.revokeConfirm')}
          </Button>
          <Button onPress={() => onClose(false)} isDisabled={revoke.isPending}>
            {t('editor.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
