/** The header's counter of notifications (filled in by the notifications feature). */
export function NotificationBell() {
  return null;
}
