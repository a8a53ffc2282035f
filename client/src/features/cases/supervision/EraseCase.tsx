import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Notice } from '../../../ui/Notice';
import type { CaseDetail } from '../useCase';
import { EraseCaseDialog } from './EraseCaseDialog';

/** Erasure, behind a confirmation that says what it destroys. */
export function EraseCase({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('reviews');
  const [isOpen, setOpen] = useState(false);
  const [erased, setErased] = useState(false);
  return (
    <div className="stack">
      <h3>{t('erase.title')}</h3>
      <p>{t('erase.summary')}</p>
      {erased && (
        <Notice tone="success" live>
          <p>{t('erase.done', { caseNumber: kase.caseNumber })}</p>
        </Notice>
      )}
      <div className="actions">
        <Button variant="danger" onPress={() => setOpen(true)}>
          {t('erase.open')}
        </Button>
      </div>
      <EraseCaseDialog
        kase={kase}
        isOpen={isOpen}
        onClose={() => setOpen(false)}
        onErased={() => {
          setOpen(false);
          setErased(true);
        }}
      />
    </div>
  );
}
