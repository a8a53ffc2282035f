import { useTranslation } from 'react-i18next';
import { NavLink, useSearchParams } from 'react-router';
import { Select } from '../../ui/Select';

const thisYear = () => new Date().getFullYear();

/** The year a screen shows: `?year=` in the address, this year by default. */
export function useYear(): [number, (year: number) => void] {
  const [search, setSearch] = useSearchParams();
  const asked = Number(search.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear();
  const setYear = (next: number) =>
    setSearch(
      (current) => {
        const params = new URLSearchParams(current);
        params.set('year', String(next));
        return params;
      },
      { replace: true },
    );
  return [year, setYear];
}

/** Years to choose from: five back, one ahead, and the one shown. */
export function yearOptions(shown: number) {
  const now = thisYear();
  const years = new Set([shown]);
  for (let y = now - 5; y <= now + 1; y++) years.add(y);
  return [...years].sort((a, b) => b - a).map((y) => ({ id: String(y), label: String(y) }));
}

/** Targets and the plan with its budget: two screens of one section, for one year. */
export function TargetsNav({ year, onYear }: { year: number; onYear: (year: number) => void }) {
  const { t } = useTranslation('targets');
  return (
    <div className="targets-bar">
      <nav aria-label={t('nav.label')} className="targets-nav">
        <ul>
          <li>
            <NavLink to={`/targets?year=${year}`} end className="targets-nav__link">
              {t('nav.targets')}
            </NavLink>
          </li>
          <li>
            <NavLink to={`/targets/plan?year=${year}`} className="targets-nav__link">
              {t('nav.plan')}
            </NavLink>
          </li>
        </ul>
      </nav>
      <div className="targets-bar__year">
        <Select
          label={t('nav.year')}
          options={yearOptions(year)}
          value={String(year)}
          onChange={(value) => value && onYear(Number(value))}
        />
      </div>
    </div>
  );
}
