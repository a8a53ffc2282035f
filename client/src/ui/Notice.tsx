import type { ReactNode } from 'react';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

/** A message block; `live` announces it when it appears (status or alert). */
export function Notice({
  tone = 'info',
  live = false,
  children,
}: {
  tone?: NoticeTone;
  live?: boolean;
  children: ReactNode;
}) {
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`notice notice--${tone}`} role={role}>
      {children}
    </div>
  );
}
