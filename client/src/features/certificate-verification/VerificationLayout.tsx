import { useTranslation } from 'react-i18next';
import {
  PublicError,
  PublicFooter,
  PublicHeader,
  PublicLayout,
  PublicNotFound,
} from '../../app/layout/PublicLayout';
import './certificate-verification.css';

function Header() {
  const { t } = useTranslation('certificateVerification');
  return (
    <PublicHeader
      home={{ to: '/verificar', label: t('brand'), className: 'verification-header__home' }}
    />
  );
}

/** The public page's frame: no account, no session; the language switcher. */
export function VerificationLayout() {
  const { t } = useTranslation('certificateVerification');
  return (
    <PublicLayout
      skipToContent={t('skipToContent')}
      header={<Header />}
      footer={
        <PublicFooter
          className="verification-footer"
          about={t('footer.about')}
          staff={t('footer.staff')}
        />
      }
    />
  );
}

/** An address under /verificar that shows nothing. */
export function VerificationNotFound() {
  const { t } = useTranslation('certificateVerification');
  return (
    <PublicNotFound
      title={t('notFound.title')}
      explanation={t('notFound.explanation')}
      back={{ to: '/verificar', label: t('back') }}
    />
  );
}

export function VerificationError() {
  const { t } = useTranslation('certificateVerification');
  return (
    <PublicError
      header={<Header />}
      title={t('error.title')}
      back={{ to: '/verificar', label: t('back') }}
    />
  );
}
