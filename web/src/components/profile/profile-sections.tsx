import type { ComponentType } from 'react';
import { SessionsSection } from './SessionsSection.tsx';

export interface ProfileSection {
  readonly key: string;
  readonly Component: ComponentType;
}

/**
 * The sections of the profile page below the personal data and "acting for": certificates,
 * devices, passkeys and sessions. Adding one is one entry here; each section has its own heading.
 */
export const PROFILE_SECTIONS: readonly ProfileSection[] = [
  { key: 'sessions', Component: SessionsSection },
];
