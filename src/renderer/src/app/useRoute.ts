import { useCallback, useSyncExternalStore } from 'react';
import { parseHash, type Route } from '../routes';

// replaceState fires no hashchange: this event tells subscribers a replaced route happened.
const REPLACED = 'brokerlab:route-replaced';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(REPLACED, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(REPLACED, onChange);
  };
}

const getHash = (): string => window.location.hash;

/**
 * Goes to `hash`. `replace` (sort, filter, toggles) rewrites the current history entry so that
 * typing in a filter does not fill the Back button; object navigation pushes an entry.
 */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(window.history.state, '', hash);
    window.dispatchEvent(new Event(REPLACED));
  } else {
    window.location.hash = hash;
  }
}

let cachedHash: string | null = null;
let cachedRoute: Route | null = null;

function routeOf(hash: string): Route {
  if (hash !== cachedHash || !cachedRoute) {
    cachedHash = hash;
    cachedRoute = parseHash(hash);
  }
  return cachedRoute;
}

/** The current route; components re-render when the hash changes (pushed or replaced). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return routeOf(hash);
}

export function useNavigate(): typeof navigate {
  return useCallback(navigate, []);
}
