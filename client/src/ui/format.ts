import { useTranslation } from 'react-i18next';

/** Dates and times in the interface language (es-EC or en-GB), in the browser's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'es-EC';
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return {
    /** An ISO date (YYYY-MM-DD) or date-time, as a calendar date. */
    date: (iso: string) =>
      dateFormat.format(iso.length === 10 ? new Date(`${iso}T12:00:00`) : new Date(iso)),
    dateTime: (iso: string) => dateTimeFormat.format(new Date(iso)),
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
  };
}
