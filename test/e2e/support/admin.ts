import fs from 'node:fs';
import { expect, type Download, type Page } from '@playwright/test';
import forge from 'node-forge';
import { expectAccessible } from './browser';
import { readState } from './state';
import type { Authenticator } from './totp';

/** The administrator of the global set-up signs in in the browser (password changed, factor set). */
export async function signInAdminInBrowser(page: Page, authenticator: Authenticator) {
  const state = readState();
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole('textbox', { name: 'Correo electrónico' }).fill(state.adminEmail);
  await page.getByRole('textbox', { name: 'Contraseña', exact: true }).fill(state.adminPassword);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('textbox', { name: 'Código de 6 dígitos' }).fill(await authenticator.code());
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
}

/** Chooses an option of a React Aria select, named by its label, inside `scope`. */
export async function choose(
  page: Page,
  label: string | RegExp,
  option: string,
  scope: Page | ReturnType<Page['locator']> = page,
) {
  await scope.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * axe on a dialog in Spanish and in English: the language switcher sits
 * behind the modal, so the dialog is cancelled, the language switched, and
 * the dialog opened again (then back to Spanish, dialog open).
 */
export async function expectDialogAccessible(
  page: Page,
  screen: string,
  open: (language: 'es' | 'en') => Promise<void>,
  cancel: { es: string; en: string } = { es: 'Cancelar', en: 'Cancel' },
) {
  await expectAccessible(page, `${screen} [es]`, false);
  const switcher = page.getByRole('group', { name: /Idioma|Language/ }).first();
  await page.getByRole('button', { name: cancel.es, exact: true }).click();
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await open('en');
  await expectAccessible(page, `${screen} [en]`, false);
  await page.getByRole('button', { name: cancel.en, exact: true }).click();
  await switcher.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await open('es');
}

/** A downloaded PKCS#12 file, opened with its password: the serial of the certificate inside. */
export async function pkcs12Serial(download: Download, password: string): Promise<string> {
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect(bytes.length).toBeGreaterThan(0);
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
  const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  const keys = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag ?? '' });
  expect(keys[forge.pki.oids.pkcs8ShroudedKeyBag ?? '']?.length ?? 0).toBe(1);
  const certificates = p12.getBags({ bagType: forge.pki.oids.certBag ?? '' })[
    forge.pki.oids.certBag ?? ''
  ];
  const serials = (certificates ?? []).map((bag) => bag.cert?.serialNumber ?? '');
  return serials.join(' ');
}
