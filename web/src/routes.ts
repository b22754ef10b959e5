/** Pages beyond Home that are announced but not built yet; each has title and description keys. */
export type ComingSoonPageKey = 'services' | 'requests' | 'healthCard' | 'dataAccess' | 'login';
export type PageKey = 'home' | ComingSoonPageKey;

export interface NavigationItem {
  readonly key: PageKey;
  readonly path: string;
}

/** Order is the order in the primary navigation. */
export const NAVIGATION: readonly NavigationItem[] = [
  { key: 'home', path: '/' },
  { key: 'services', path: '/services' },
  { key: 'requests', path: '/requests' },
  { key: 'healthCard', path: '/health-card' },
  { key: 'dataAccess', path: '/data-access' },
  { key: 'login', path: '/login' },
];

/** Trailing slashes are tolerated so /services/ does not land on "page not found". */
export function findPage(path: string): PageKey | undefined {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return NAVIGATION.find((item) => item.path === normalised)?.key;
}
