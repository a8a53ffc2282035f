export { checkTotp, createTotpEnrolment, TOTP_PERIOD_SECONDS, type TotpEnrolment } from './totp';
