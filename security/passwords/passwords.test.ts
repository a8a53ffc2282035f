import argon2 from 'argon2';
import {
  checkPassword,
  generateInitialPassword,
  HasherSaturatedError,
  PasswordHasher,
} from './index';

describe('checkPassword', () => {
  it.each([
    ['short', 'Ñandú-azul', 'too_short'],
    ['too long', 'a'.repeat(129), 'too_long'],
    ['common', 'password1234', 'too_weak'],
    ['common in Spanish', 'contraseña123', 'too_weak'],
    ['about the system', 'amparotrata2026', 'too_weak'],
  ])('refuses a %s password', (_label, password, problem) => {
    expect(checkPassword(password)).toBe(problem);
  });

  it('refuses a password built from the person’s own details', () => {
    expect(checkPassword('perezfiscalia2026')).toBeNull();
    expect(checkPassword('perezfiscalia2026', ['ana.perez@fiscalia.gob.ec'])).toBe('too_weak');
  });

  it('counts characters, not bytes, and accepts a strong passphrase', () => {
    expect(checkPassword('ñññññññññññ')).toBe('too_short'); // 11 characters, 22 bytes
    expect(checkPassword('Río-montaña-Ñandú-cuarzo-7')).toBeNull();
  });

  it('generates initial passwords that pass the policy and differ', () => {
    const passwords = Array.from({ length: 20 }, () => generateInitialPassword());
    expect(new Set(passwords).size).toBe(20);
    for (const password of passwords) {
      expect(password).toMatch(/^[a-zA-Z2-9]{20}$/);
      expect(checkPassword(password)).toBeNull();
    }
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id m=19456 t=2 p=1 and verifies', async () => {
    const hash = await hasher.hash('Río-montaña-Ñandú-cuarzo-7');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await hasher.verify(hash, 'Río-montaña-Ñandú-cuarzo-7')).toBe(true);
    expect(await hasher.verify(hash, 'Rio-montana-Nandu-cuarzo-7')).toBe(false);
    expect(hasher.needsRehash(hash)).toBe(false);
  });

  it('answers false for a missing account after doing the same work', async () => {
    expect(await hasher.verify(null, 'anything at all 123')).toBe(false);
  });

  it('asks to rehash weaker hashes', async () => {
    const weak = await argon2.hash('x'.repeat(16), { type: argon2.argon2id, memoryCost: 4096 });
    expect(hasher.needsRehash(weak)).toBe(true);
  });

  it('refuses work beyond its cap and queue instead of queueing without bound', async () => {
    const capped = new PasswordHasher(1, 1);
    const results = await Promise.allSettled([
      capped.hash('first password 1'),
      capped.hash('second password 2'),
      capped.hash('third password 3'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(HasherSaturatedError);
    await expect(capped.hash('after the burst 4')).resolves.toMatch(/^\$argon2id/);
  });
});
