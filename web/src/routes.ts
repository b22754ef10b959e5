/** Pages beyond Home that are announced but not built yet; each has title and description keys. */
export type ComingSoonPageKey = 'services' | 'requests' | 'healthCard' | 'dataAccess' | 'login';
/** Pages for staff, linked from the footer rather than the primary navigation. */
export type SecondaryPageKey = 'operatorExchange';
export type PrimaryPageKey = 'home' | ComingSoonPageKey;
export type PageKey = PrimaryPageKey | SecondaryPageKey;

export interface NavigationItem<K extends PageKey = PageKey> {
  readonly key: K;
  readonly path: string;
}

/** Order is the order in the primary navigation. */
export const NAVIGATION: readonly NavigationItem<PrimaryPageKey>[] = [
  { key: 'home', path: '/' },
  { key: 'services', path: '/services' },
  { key: 'requests', path: '/requests' },
  { key: 'healthCard', path: '/health-card' },
  { key: 'dataAccess', path: '/data-access' },
  { key: 'login', path: '/login' },
];

/** Citizens do not need these; the footer links to them. */
export const SECONDARY_PAGES: readonly NavigationItem<SecondaryPageKey>[] = [
  { key: 'operatorExchange', path: '/operator/exchange' },
];

/** Trailing slashes are tolerated so /services/ does not land on "page not found". */
export function findPage(path: string): PageKey | undefined {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return [...NAVIGATION, ...SECONDARY_PAGES].find((item) => item.path === normalised)?.key;
}
