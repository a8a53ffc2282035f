import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { useVocabulary } from '../../vocab/useVocabulary';
import { ActivityDialog } from './ActivityDialog';
import { DeleteActivityDialog } from './DeleteActivityDialog';
import { useCampaignFormat } from './useCampaignText';
import type { Activity, CampaignDetail } from './useCampaigns';

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; activity: Activity }
  | { kind: 'delete'; activity: Activity }
  | undefined;

/**
 * What the campaign did: its activities by date, with the people reached in
 * each group. Coordinators add, change and delete them in dialogs; other
 * roles read.
 */
export function ActivitiesSection({
  campaign,
  canEdit,
}: {
  campaign: CampaignDetail;
  canEdit: boolean;
}) {
  const { t } = useTranslation('campaigns');
  const { label } = useVocabulary();
  const format = useCampaignFormat();
  const [open, setOpen] = useState<Open>();
  const [done, setDone] = useState<string>();
  const activities = campaign.activities;
  const summaryOf = (activity: Activity) =>
    t('activities.summary', {
      date: format.date(activity.date),
      territory: label('province', activity.territory),
      channel: label('campaignChannel', activity.channel),
    });

  return (
    <section className="panel" aria-labelledby="activities-title">
      <div className="campaign-section-header">
        <h2 id="activities-title">{t('activities.title')}</h2>
        {canEdit && (
          <Button
            variant="primary"
            onPress={() => {
              setDone(undefined);
              setOpen({ kind: 'add' });
            }}
          >
            {t('activities.add')}
          </Button>
        )}
      </div>
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      {activities.length === 0 ? (
        <p>{t('activities.none')}</p>
      ) : (
        <div className="campaign-table-scroll">
          <table className="table">
            <caption className="visually-hidden">
              {t('activities.caption', { count: activities.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.date')}</th>
                <th scope="col">{t('activities.territory')}</th>
                <th scope="col">{t('activities.channel')}</th>
                <th scope="col">{t('activities.description')}</th>
                <th scope="col">{t('activities.reach')}</th>
                <th scope="col" className="campaign-num">
                  {t('activities.total')}
                </th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">{t('activities.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {activities.map((activity) => (
                <tr key={activity.id}>
                  <th scope="row" className="campaign-nowrap">
                    {format.date(activity.date)}
                  </th>
                  <td>{label('province', activity.territory)}</td>
                  <td>{label('campaignChannel', activity.channel)}</td>
                  <td className="activity-description">{activity.description ?? '—'}</td>
                  <td>
                    {activity.reach.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="campaign-plain-list">
                        {activity.reach.map((r) => (
                          <li key={r.group}>
                            {t('activities.reachItem', {
                              group: label('vulnerabilityGroup', r.group),
                              count: r.count,
                              formatted: format.count(r.count),
                            })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="campaign-num">{format.count(activity.totalReach)}</td>
                  {canEdit && (
                    <td>
                      <div className="campaign-row-actions">
                        <Button
                          variant="quiet"
                          aria-label={t('activities.editNamed', { activity: summaryOf(activity) })}
                          onPress={() => {
                            setDone(undefined);
                            setOpen({ kind: 'edit', activity });
                          }}
                        >
                          {t('activities.edit')}
                        </Button>
                        <Button
                          variant="quiet"
                          aria-label={t('activities.deleteNamed', {
                            activity: summaryOf(activity),
                          })}
                          onPress={() => {
                            setDone(undefined);
                            setOpen({ kind: 'delete', activity });
                          }}
                        >
                          {t('activities.delete')}
                        </Button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open?.kind === 'add' && (
        <ActivityDialog
          campaign={campaign}
          onClose={(saved) => {
            setOpen(undefined);
            if (saved) setDone(t('activities.added'));
          }}
        />
      )}
      {open?.kind === 'edit' && (
        <ActivityDialog
          campaign={campaign}
          activity={open.activity}
          onClose={(saved) => {
            setOpen(undefined);
            if (saved) setDone(t('activities.saved'));
          }}
        />
      )}
      {open?.kind === 'delete' && (
        <DeleteActivityDialog
          campaignId={campaign.id}
          activity={open.activity}
          summary={summaryOf(open.activity)}
          onClose={(deleted) => {
            setOpen(undefined);
            if (deleted) setDone(t('activities.deleted'));
          }}
        />
      )}
    </section>
  );
}
