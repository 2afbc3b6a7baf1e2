// Hash routes: they work identically under file:// (Electron) and http:// (engine host), and keep
// the view, its object and its table state (sort, filter, toggles) across reload and Back.

import type { MessageId } from './i18n/messages';

export interface SectionDef {
  path: string;
  /** The navigation's and the page heading's message. */
  label: MessageId;
}

export const SECTIONS: readonly SectionDef[] = [
  { path: 'cluster', label: 'nav.cluster' },
  { path: 'topics', label: 'nav.topics' },
  { path: 'messages', label: 'nav.messages' },
  { path: 'groups', label: 'nav.groups' },
  { path: 'charts', label: 'nav.charts' },
  { path: 'workloads', label: 'nav.workloads' },
  { path: 'experiments', label: 'nav.experiments' },
];

/** Kept for the nav and older callers: the sections are the top-level routes. */
export const ROUTES = SECTIONS;

export const DEFAULT_SECTION = 'cluster';

export interface Route {
  section: SectionDef;
  /** Path segments after the section, decoded: `#/topics/orders/partitions/2` → ['orders', 'partitions', '2']. */
  rest: string[];
  params: Readonly<Record<string, string>>;
}

function defaultSection(): SectionDef {
  return SECTIONS.find((s) => s.path === DEFAULT_SECTION)!;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Parses `#/topics/orders?sort=name.desc&q=ord`; an unknown or empty section gives the default. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q >= 0 ? body.slice(0, q) : body;
  const query = q >= 0 ? body.slice(q + 1) : '';
  const segments = path.split('/').filter((s) => s.length > 0).map(safeDecode);
  const section = SECTIONS.find((s) => s.path === segments[0]);
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  if (!section) return { section: defaultSection(), rest: [], params: {} };
  return { section, rest: segments.slice(1), params };
}

/** The section a hash names (the nav's current item). */
export function routeFromHash(hash: string): SectionDef {
  return parseHash(hash).section;
}

/** Builds `#/a/b?k=v`, encoding segments and dropping empty parameters; keys are sorted for stable URLs. */
export function buildHash(segments: readonly string[], params: Readonly<Record<string, string | undefined | null>> = {}): string {
  const path = segments.map((s) => encodeURIComponent(s)).join('/');
  const query = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v !== undefined && v !== null && v !== '') query.set(key, v);
  }
  const qs = query.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** The hash of `route` with some parameters changed (undefined or '' removes one). */
export function withParams(route: Route, changes: Readonly<Record<string, string | undefined | null>>): string {
  return buildHash([route.section.path, ...route.rest], { ...route.params, ...changes });
}
