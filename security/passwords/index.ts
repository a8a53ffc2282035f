export { generateInitialPassword } from './initial-password';
export { ARGON2_OPTIONS, HasherSaturatedError, PasswordHasher } from './password-hasher';
export {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
} from './password-policy';
