// 工友驿站 service worker, hand-written. The build (scripts/sw-precache.mjs)
// replaces the two placeholders below with the hashed asset names of this
// build and a version derived from them, so every release installs anew.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
// "/" and not "/index.html": the assets server redirects the latter, and a
// redirected response cannot answer a navigation.
const SHELL = "/";
const CACHE = `gongyou-shell-${VERSION}`;

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

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API is never served from this cache (the app keeps its own offline data),
  // and the staff workspace under /admin is an online-only, separate app.
  if (url.pathname.startsWith("/api/") || url.pathname === "/admin" || url.pathname.startsWith("/admin/")) return;

  if (request.mode === "navigate") {
    // Pages: try the network, fall back to the cached app shell, then the offline page.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(SHELL)) || (await caches.match("/offline.html")) || Response.error())
    );
    return;
  }
  // Hashed assets never change: cache first.
  event.respondWith(
    caches.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (response.ok && url.pathname.startsWith("/vendor/")) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }))
  );
});
