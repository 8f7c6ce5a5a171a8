// 工友驿站 service worker, hand-written. The build (scripts/sw-precache.mjs)
// replaces the two placeholders below with the hashed asset names of this
// build and a version derived from them, so every release installs anew.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
// "/" and not "/index.html": the assets server redirects the latter, and a
// redirected response cannot answer a navigation.
const SHELL = "/";
const CACHE = `gongyou-shell-${VERSION}`;
// Runtime cache for the other bundles, filled on first use: a worker's phone
// downloads the jobs or membership screens only if its owner opens them.
const RUNTIME = "gongyou-bundles";
// Path prefixes owned by other worker-side bundles → the directory of their
// files (keep in step with worker/src/shells.rs). The staff workspace (/admin)
// is online-only and never handled here.
const BUNDLES = { "/login": "account", "/me": "account", "/join": "account", "/membership": "account", "/verify": "account", "/services": "account", "/training": "account", "/rights": "account", "/map": "map", "/jobs": "jobs", "/employer": "employer" };

function bundleOf(pathname) {
  for (const [prefix, dir] of Object.entries(BUNDLES)) {
    if (pathname === prefix || pathname.startsWith(prefix + "/")) return dir;
  }
  return null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("gongyou-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

// The page asks for the waiting version to take over (the "update now" button).
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

async function offlinePage() {
  return (await caches.match("/offline.html")) || Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  // The API is never served from this cache (the app keeps its own offline data).
  if (path.startsWith("/api/") || path === "/admin" || path.startsWith("/admin/")) return;
  const bundle = bundleOf(path);

  if (request.mode === "navigate") {
    if (bundle) {
      // Another bundle's page: network first, remembering its shell for offline use.
      const shellKey = `/${bundle}/`;
      event.respondWith(
        fetch(request)
          .then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(RUNTIME).then((cache) => cache.put(shellKey, copy));
            }
            return response;
          })
          .catch(async () => (await caches.match(shellKey)) || offlinePage())
      );
      return;
    }
    // Home pages: the network, else the precached shell, else the offline page.
    event.respondWith(fetch(request).catch(async () => (await caches.match(SHELL)) || offlinePage()));
    return;
  }
  // Hashed files never change: cache first; other bundles' files and vendored
  // code are remembered on first use.
  event.respondWith(
    caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      const remember = response.ok && (path.startsWith("/vendor/") || Object.values(BUNDLES).some((d) => path.startsWith(`/${d}/`)));
      if (remember) {
        const copy = response.clone();
        caches.open(RUNTIME).then((cache) => cache.put(request, copy));
      }
      return response;
    }))
  );
});
