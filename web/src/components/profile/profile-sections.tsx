import type { ComponentType } from 'react';
import { SessionsSection } from './SessionsSection.tsx';
import { CertificatesSection } from './CertificatesSection.tsx';
import { DevicesSection } from './DevicesSection.tsx';
import { PasskeysSection } from './PasskeysSection.tsx';

export interface ProfileSection {
  readonly key: string;
  readonly Component: ComponentType;
}

/**
 * The sections of the profile page below the personal data and "acting for": certificates,
 * devices, passkeys and sessions. Adding one is one entry here; each section has its own heading.
 */
export const PROFILE_SECTIONS: readonly ProfileSection[] = [
  { key: 'certificates', Component: CertificatesSection },
  { key: 'devices', Component: DevicesSection },
  { key: 'passkeys', Component: PasskeysSection },
  { key: 'sessions', Component: SessionsSection },
];
