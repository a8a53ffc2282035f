import { useTranslation } from 'react-i18next';

/**
 * An exact decimal as the API sends it ("5500.00", "88.80", "12.5"): never
 * turned into a float before it is shown (Intl formats the digits as given).
 */
export type DecimalText = string;

const DECIMAL = /^-?\d+(\.\d+)?$/;
const exact = (value: DecimalText | number): `${number}` | number =>
  typeof value === 'number' ? value : DECIMAL.test(value) ? (value as `${number}`) : Number.NaN;

/**
 * Money, percentages and measured values in the interface's language:
 * Spanish follows Ecuador's conventions (`USD 5.500,00`, `88,80 %`), English
 * the British ones the rest of the interface uses (`USD 5,500.00`, `88.80 %`).
 */
export function useFigureFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'es-EC';
  const decimal: ',' | '.' = locale === 'es-EC' ? ',' : '.';
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'code',
  });
  const percent = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const value = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    locale,
    decimal,
    /** `USD 5.500,00`. */
    money: (amount: DecimalText | number) => money.format(exact(amount)),
    /** `88,80 %` (two decimals, a space before the sign, as the municipality writes it). */
    percent: (p: DecimalText | number) => `${percent.format(exact(p))} %`,
    /** A count or a measured value: `1.250`, `12,5`. */
    value: (v: DecimalText | number) => value.format(exact(v)),
    /** A stored decimal as a form shows it to be changed: `5500,00` in Spanish. */
    input: (v: DecimalText) => v.replace('.', decimal),
  };
}
