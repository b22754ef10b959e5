/** Pages beyond Home that are announced but not built yet; each has title and description keys. */
export type ComingSoonPageKey = 'requests' | 'healthCard';
/** Pages for staff, linked from the footer rather than the primary navigation. */
export type SecondaryPageKey =
  | 'operatorExchange'
  | 'agencyStaff'
  | 'agencyRegistry'
  | 'operatorRegistry'
  | 'discussions'
  | 'complaints';
export type PrimaryPageKey = 'home' | 'services' | ComingSoonPageKey | 'dataAccess';
/** Pages reached from the header, links and redirects rather than a menu. */
export type HiddenPageKey =
  'login' | 'register' | 'profile' | 'mobile' | 'service' | 'complaintNew' | 'discussion';
export type PageKey = PrimaryPageKey | SecondaryPageKey | HiddenPageKey;

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
];

/** The header links to login and profile; registration is linked from the login page. */
export const HIDDEN_PAGES: readonly NavigationItem<HiddenPageKey>[] = [
  { key: 'login', path: '/login' },
  { key: 'register', path: '/register' },
  { key: 'profile', path: '/profile' },
  /** The phone's device page (mobile signature, QR approval at /mobile/approve/<id>). */
  { key: 'mobile', path: '/mobile' },
  { key: 'complaintNew', path: '/complaints/new' },
];

/** Citizens do not need these; the footer links to them. */
export const SECONDARY_PAGES: readonly NavigationItem<SecondaryPageKey>[] = [
  { key: 'operatorExchange', path: '/operator/exchange' },
  { key: 'agencyStaff', path: '/agency/staff' },
  { key: 'agencyRegistry', path: '/agency/registry' },
  { key: 'operatorRegistry', path: '/operator/registry' },
  { key: 'discussions', path: '/discussions' },
  { key: 'complaints', path: '/complaints' },
];

/** Trailing slashes are tolerated so /services/ does not land on "page not found". */
export function findPage(path: string): PageKey | undefined {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (normalised.startsWith('/mobile/approve/')) return 'mobile';
  // A service page: /services/<registry number> (the page itself says when there is none).
  if (/^\/services\/[^/]+$/.test(normalised)) return 'service';
  // A draft act under public discussion: /discussions/<id>.
  if (/^\/discussions\/[^/]+$/.test(normalised)) return 'discussion';
  return [...NAVIGATION, ...SECONDARY_PAGES, ...HIDDEN_PAGES].find(
    (item) => item.path === normalised,
  )?.key;
}
