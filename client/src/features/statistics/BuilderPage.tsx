import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isProblem } from '../../api/problem';
import { queryKeys } from '../../api/query-keys';
import { api, call } from '../../api/client';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { useTranslateFieldError } from '../../ui/form/useTranslateFieldError';
import { BudgetPanel } from './BudgetPanel';
import { ComputeDialog } from './ComputeDialog';
import { NumberInput } from './NumberInput';
import { PreviewPanel } from './PreviewPanel';
import {
  useBudget,
  useCatalogue,
  useComputeRelease,
  usePreview,
  type ReleaseRequest,
  type TableId,
} from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';
import './statistics.css';

const YEARS_BACK = 10;
type Field = 'tableId' | 'year' | 'quarter' | 'epsilon' | 'threshold';

/**
 * The release builder: table, period, ε and k; the year's budget and a
 * preview computed from the parameters alone (no data read, nothing spent);
 * then "Calcular", confirmed with the ε it spends — computing spends it even
 * if the draft is never published.
 */
export function BuilderPage() {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  const translateFieldError = useTranslateFieldError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const catalogue = useCatalogue();
  const thisYear = new Date().getFullYear();
  const [tableId, setTableId] = useState<TableId | null>(null);
  // A year still running cannot be released (only its ended quarters): start at the last one that ended.
  const [year, setYear] = useState(thisYear - 1);
  const [quarter, setQuarter] = useState('all');
  const [epsilon, setEpsilon] = useState(0.5);
  const [threshold, setThreshold] = useState<number | null>(null);
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const [confirming, setConfirming] = useState(false);
  const epsilonRef = useRef<HTMLInputElement>(null);
  const compute = useComputeRelease();

  const tables = catalogue.data?.tables ?? [];
  const table = tableId ?? tables[0]?.id ?? null;
  const k = threshold ?? catalogue.data?.defaultThreshold ?? 11;
  const request: ReleaseRequest | null = table
    ? {
        tableId: table,
        year,
        ...(quarter === 'all' ? {} : { quarter: Number(quarter) }),
        epsilon,
        threshold: k,
      }
    : null;
  const budget = useBudget(year);
  const preview = usePreview(request);

  const exceededMessage = (remaining: number) =>
    t('builder.budgetExceeded', {
      year,
      remaining: words.epsilon(Math.max(0, remaining)),
      needed: words.epsilon(epsilon),
    });
  // The preview already knows when the budget cannot pay: said on the field before any attempt.
  const previewExceeded =
    preview.data && !preview.isPlaceholderData && preview.data.remainingAfter < 0
      ? exceededMessage(preview.data.budget.remaining)
      : undefined;
  const epsilonError = serverErrors.epsilon ?? previewExceeded;
  // A period that has not ended is refused by the preview already: said on its field.
  const periodRefusal = isProblem(preview.error) ? preview.error.fieldErrors() : undefined;
  const periodError = (field: 'year' | 'quarter') => {
    const refusal = periodRefusal?.get(field);
    return refusal?.code === 'period_not_ended'
      ? translateFieldError(`fieldErrors.${refusal.code}`)
      : undefined;
  };
  const yearError = serverErrors.year ?? periodError('year');
  const quarterError = serverErrors.quarter ?? periodError('quarter');

  /** A changed field drops its refusal (a new year, the budget refusal too). */
  const change = (field: Field) => {
    setServerErrors((errors) => {
      const next = { ...errors };
      delete next[field];
      if (field === 'year') delete next.epsilon;
      return next;
    });
  };

  const startCompute = () => {
    if (epsilonError) {
      epsilonRef.current?.focus();
      return;
    }
    if (yearError || quarterError) return;
    compute.reset();
    setConfirming(true);
  };

  const refused = async (error: unknown) => {
    if (!isProblem(error)) return;
    if (error.code === 'privacy_budget_exceeded') {
      setConfirming(false);
      const fresh = await queryClient.fetchQuery({
        queryKey: queryKeys.statistics.budget(year),
        queryFn: () => call(api.GET('/api/v1/statistics/budget', { params: { query: { year } } })),
        staleTime: 0,
      });
      setServerErrors({ epsilon: exceededMessage(fresh.remaining) });
      epsilonRef.current?.focus();
      return;
    }
    const byField = error.fieldErrors();
    if (byField.size > 0) {
      setConfirming(false);
      const next: Partial<Record<Field, string>> = {};
      for (const [path, fieldError] of byField) {
        const field = path.split('.')[0] as Field;
        next[field] = translateFieldError(`fieldErrors.${fieldError.code}`);
      }
      setServerErrors(next);
    }
  };

  const confirmCompute = () => {
    if (!request) return;
    compute.mutate(request, {
      onSuccess: (release) => {
        setConfirming(false);
        void navigate(`/statistics/releases/${release.id}`);
      },
      onError: (error) => void refused(error),
    });
  };

  if (catalogue.isPending) return <Loading />;
  if (catalogue.error) return <ProblemMessage error={catalogue.error} />;
  const limits = catalogue.data.epsilon;
  const years = Array.from({ length: YEARS_BACK }, (_, i) => String(thisYear - i));

  return (
    <>
      <PageHeader
        title={t('builder.title')}
        actions={
          <Link className="button button--secondary" to="/statistics">
            {t('builder.back')}
          </Link>
        }
      />
      <p className="statistics-intro">{t('builder.intro')}</p>
      <div className="builder">
        <form
          className="panel builder__form"
          aria-labelledby="builder-form-title"
          onSubmit={(event) => {
            event.preventDefault();
            startCompute();
          }}
        >
          <h2 id="builder-form-title">{t('builder.formTitle')}</h2>
          <div className="stack">
            <Select
              label={t('builder.table')}
              isRequired
              options={tables.map((tbl) => ({ id: tbl.id, label: words.table(tbl.id) }))}
              value={table}
              onChange={(value) => {
                if (value) setTableId(value as TableId);
                change('tableId');
              }}
              description={table ? words.tableDescription(table) : undefined}
              error={serverErrors.tableId}
            />
            <div className="builder__period">
              <Select
                label={t('builder.year')}
                isRequired
                options={years.map((y) => ({ id: y, label: y }))}
                value={String(year)}
                onChange={(value) => {
                  if (value) setYear(Number(value));
                  change('year');
                }}
                description={t('builder.yearHint')}
                error={yearError}
              />
              <Select
                label={t('builder.quarter')}
                options={[
                  { id: 'all', label: t('builder.wholeYear') },
                  ...['1', '2', '3', '4'].map((q) => ({
                    id: q,
                    label: words.value('quarter', q),
                  })),
                ]}
                value={quarter}
                onChange={(value) => {
                  setQuarter(value ?? 'all');
                  change('quarter');
                }}
                error={quarterError}
              />
            </div>
            <NumberInput
              label={t('builder.epsilon')}
              description={t('builder.epsilonHint', {
                min: words.epsilon(limits.min),
                max: words.epsilon(limits.max),
              })}
              isRequired
              value={epsilon}
              onChange={(value) => {
                setEpsilon(value);
                change('epsilon');
              }}
              minValue={limits.min}
              maxValue={limits.max}
              step={limits.step}
              fractionDigits={2}
              error={epsilonError}
              inputRef={epsilonRef}
            />
            <NumberInput
              label={t('builder.threshold')}
              description={t('builder.thresholdHint', {
                min: catalogue.data.defaultThreshold,
                rounding: catalogue.data.rounding,
              })}
              isRequired
              value={k}
              onChange={(value) => {
                setThreshold(value);
                change('threshold');
              }}
              minValue={catalogue.data.defaultThreshold}
              maxValue={100}
              step={1}
              fractionDigits={0}
              error={serverErrors.threshold}
            />
            <Notice tone="warning">
              <p>{t('builder.spendWarning')}</p>
            </Notice>
            <div className="actions">
              <Button type="submit" variant="primary" isDisabled={compute.isPending}>
                {t('builder.compute')}
              </Button>
            </div>
          </div>
        </form>
        <div className="builder__side">
          <BudgetPanel year={year} budget={budget.data} error={budget.error} />
          <PreviewPanel
            preview={preview.data}
            error={preview.error}
            isPending={preview.isPending}
          />
        </div>
      </div>
      {confirming && request && (
        <ComputeDialog
          request={request}
          remainingAfter={preview.data?.remainingAfter}
          isPending={compute.isPending}
          error={compute.error}
          onConfirm={confirmCompute}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}
