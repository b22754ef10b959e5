import { useMemo } from 'react';
import { parseProviders, localName } from '../../registry-api.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useApi } from '../../use-api.ts';

/** The agencies' names in the interface language (listProviders), by code; the code until loaded. */
export function useAgencyName(): (code: string) => { text: string; lang: 'az' | 'en' | undefined } {
  const { remote } = useApi('/api/registry/providers', parseProviders);
  const language = currentLanguage();
  return useMemo(() => {
    const byCode = new Map(
      remote.state === 'ok' ? remote.data.map((p) => [p.code, p] as const) : [],
    );
    return (code: string) => {
      const found = byCode.get(code);
      return found === undefined
        ? { text: code, lang: undefined }
        : localName({ az: found.nameAz, en: found.nameEn }, language);
    };
  }, [remote, language]);
}
