// Hash routes: they work identically under file:// (Electron) and http:// (engine host).

export interface RouteDef {
  path: string;
  label: string;
}

export const ROUTES: readonly RouteDef[] = [
  { path: 'cluster', label: 'Cluster' },
  { path: 'topics', label: 'Topics' },
  { path: 'messages', label: 'Messages' },
  { path: 'groups', label: 'Consumer groups' },
  { path: 'charts', label: 'Charts' },
];

export const DEFAULT_ROUTE = 'cluster';

/** The route named by a location hash such as `#/topics?x=1`; unknown or empty → the default. */
export function routeFromHash(hash: string): RouteDef {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ROUTES.find((r) => r.path === path) ?? ROUTES.find((r) => r.path === DEFAULT_ROUTE)!;
}
