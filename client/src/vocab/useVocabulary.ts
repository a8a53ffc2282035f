import { useTranslation } from 'react-i18next';
import type vocabEs from './locales/es.json';
import type { Option } from '../ui/Select';

/** One label table per vocabulary (vocab/locales): codes stay in English, people read labels. */
export type Vocabulary = keyof typeof vocabEs;

export function useVocabulary() {
  const { i18n } = useTranslation('vocab');
  const language = i18n.resolvedLanguage ?? 'es';
  const label = (vocabulary: Vocabulary, code: string): string => {
    const value: unknown = i18n.getResource(language, 'vocab', `${vocabulary}.${code}`);
    // A test proves every code the API can send has a label; this only guards a stale client.
    return typeof value === 'string' ? value : code;
  };
  const options = (vocabulary: Vocabulary, codes: readonly string[]): Option[] =>
    codes.map((code) => ({ id: code, label: label(vocabulary, code) }));
  return { label, options };
}
