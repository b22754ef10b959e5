import type { ComponentType } from 'react';
import type { ParseKeys } from 'i18next';
import type { AcrLevel } from '../../auth.tsx';
import { PasswordLogin } from './PasswordLogin.tsx';
import { CertificateLogin } from './CertificateLogin.tsx';
import { MobileLogin } from './MobileLogin.tsx';
import { QrLogin } from './QrLogin.tsx';
import { PasskeyLogin } from './PasskeyLogin.tsx';

export interface LoginMethodProps {
  /** Call after the server has set the session cookie: the page refreshes and moves on. */
  readonly onLoggedIn: () => void;
}

export interface LoginMethod {
  /** Stable id, also the tab's URL fragment (`/login#certificate`). */
  readonly key: string;
  /** Translation key of the tab label. */
  readonly label: ParseKeys;
  /** The level of assurance a login with this method gives. */
  readonly acr: AcrLevel;
  readonly Component: ComponentType<LoginMethodProps>;
}

/**
 * The tabs of the login page, in order. Each login method is one component; adding a method is
 * one entry here (issue 4 item 9).
 */
export const LOGIN_METHODS: readonly LoginMethod[] = [
  { key: 'password', label: 'auth.methods.password', acr: 'low', Component: PasswordLogin },
  { key: 'passkey', label: 'passkeys.method', acr: 'substantial', Component: PasskeyLogin },
  {
    key: 'certificate',
    label: 'certificates.method',
    acr: 'high',
    Component: CertificateLogin,
  },
  { key: 'mobile', label: 'devices.methods.mobile', acr: 'high', Component: MobileLogin },
  { key: 'qr', label: 'devices.methods.qr', acr: 'high', Component: QrLogin },
];
