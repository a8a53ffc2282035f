import { useSearchParams } from 'react-router';

/** The option of a filter's select that means "no filter". */
export const ALL = 'all';

/**
 * A list screen's filters kept in the address (codes and ids only, never
 * personal data), so a filtered list survives a reload and the back button.
 * Setting a filter to nothing or to ALL removes it; changes replace the
 * history entry instead of adding one per choice.
 */
export function useSearchFilters() {
  const [search, setSearch] = useSearchParams();
  const setFilter = (name: string, value: string | null | undefined) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && value !== ALL) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return { search, setFilter };
}
