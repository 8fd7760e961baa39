{% load static %}/* Qinghai Kepu service worker: keeps the shell, the fonts and the articles a reader
   opened (or saved) so they can be read without a network. At most {{ max_articles }}
   articles are kept, newest first; an article that is gone (404/410) is dropped. */
"use strict";
var VERSION = "{{ version }}";
var SHELL = "kepu-shell-" + VERSION, ARTICLES = "kepu-articles", SAVED = "kepu-saved";
var MAX = {{ max_articles }};
var SHELL_URLS = [{% for url in shell %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
var LANGS = [{% for code in languages %}"{{ code }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
var lastCheck = 0;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(SHELL_URLS); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("kepu-shell-") === 0 && n !== SHELL; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function isArticle(url) {
  var parts = url.pathname.split("/").filter(Boolean);
  return parts.length === 3 && LANGS.indexOf(parts[0]) >= 0 && parts[2] !== "offline";
}

function keep(name, request, response) {
  return caches.open(name).then(function (cache) {
    return cache.put(request, response).then(function () { return cache.keys(); }).then(function (keys) {
      // Oldest first: drop what is over the limit.
      return Promise.all(keys.slice(0, Math.max(keys.length - MAX, 0)).map(function (k) { return cache.delete(k); }));
    });
  });
}

function forget(url) {
  return Promise.all([ARTICLES, SAVED].map(function (n) { return caches.open(n).then(function (c) { return c.delete(url); }); }));
}

function offlinePage(url) {
  var lang = url.pathname.split("/")[1];
  if (LANGS.indexOf(lang) < 0) lang = LANGS[0];
  return caches.match("/" + lang + "/offline/");
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin || url.pathname.indexOf("/admin/") === 0) return;
  if (url.pathname.indexOf("/static/") === 0) {
    // Hashed, never-changing files (CSS, fonts): kept once fetched, not precached, so
    // nobody downloads a font their language does not use.
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) { var copy = response.clone(); caches.open(SHELL).then(function (c) { c.put(request, copy); }); }
        return response;
      });
    }));
    return;
  }
  if (request.mode !== "navigate") return;
  event.respondWith(fetch(request).then(function (response) {
    if (isArticle(url)) {
      if (response.ok && !response.redirected) event.waitUntil(keep(ARTICLES, request.url, response.clone()));
      else if (response.status === 404 || response.status === 410) event.waitUntil(forget(request.url));
    }
    return response;
  }).catch(function () {
    return caches.match(request.url).then(function (hit) { return hit || offlinePage(url); });
  }));
});

// Articles kept here that were unpublished since: asked about at most once an hour.
function check() {
  if (Date.now() - lastCheck < 3600 * 1000) return Promise.resolve();
  lastCheck = Date.now();
  return Promise.all([ARTICLES, SAVED].map(function (name) {
    return caches.open(name).then(function (cache) { return cache.keys(); }).then(function (keys) {
      return Promise.all(keys.map(function (k) {
        return fetch(k.url, { method: "HEAD" }).then(function (r) {
          if (r.status === 404 || r.status === 410) return forget(k.url);
        }).catch(function () {});
      }));
    });
  }));
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.save) {
    var url = new URL(data.save, location.origin);
    if (url.origin !== location.origin || !isArticle(url)) return;
    event.waitUntil(fetch(url.href).then(function (r) {
      if (r.ok) return keep(SAVED, url.href, r).then(function () {
        if (event.source) event.source.postMessage({ saved: url.href });
      });
    }));
  } else if (data.check) {
    event.waitUntil(check());
  }
});
