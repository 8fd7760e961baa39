/* Qinghai Kepu embed: paste <div data-kepu-lang="bo" data-kepu-channel="health"></div>
   and this script; each placeholder becomes an iframe of our widget, resized to fit.
   Options: data-kepu-limit (1-20), -theme (light|dark), -layout (list|cards),
   -fallback (a language code), -title. No dependencies. See docs/embedding.md. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL) return;
  var base = new URL(script.src).origin;
  // {language code: [lang attribute, our name in that language]}, from the catalogues.
  var NAMES = /*names*/{};
  // How long after the frame has loaded we wait for our widget to speak. It speaks as
  // soon as it is parsed, long before its load event; silence means the browser showed
  // its own error page instead (the site is not registered, or ours is down).
  var GRACE = 3000;
  var frames = {};
  var count = 0;

  function build(el) {
    if (el.getAttribute("data-kepu-ready")) return;
    el.setAttribute("data-kepu-ready", "1");
    var lang = el.getAttribute("data-kepu-lang") || "zh-hans";
    var channel = el.getAttribute("data-kepu-channel") || "";
    var id = "kepu-" + (++count);
    var query = ["origin=" + encodeURIComponent(location.origin), "id=" + id];
    ["limit", "theme", "layout", "fallback"].forEach(function (name) {
      var value = el.getAttribute("data-kepu-" + name);
      if (value) query.push(name + "=" + encodeURIComponent(value));
    });
    var path = "/" + encodeURIComponent(lang) + "/" + (channel ? encodeURIComponent(channel) + "/" : "");
    var frame = document.createElement("iframe");
    var entry = { frame: frame, el: el, lang: lang, url: base + path, alive: false };
    frame.src = base + "/embed" + path + "?" + query.join("&");
    frame.title = el.getAttribute("data-kepu-title") || "\u9752\u6d77\u79d1\u666e";
    frame.setAttribute("loading", "lazy");
    // Hidden until our widget says it is there: a refused frame shows the browser's
    // error page, which the partner's readers should never see.
    frame.style.cssText = "border:0;width:100%;display:block;visibility:hidden;height:" +
      (lang === "mn" ? "32rem" : "24rem");
    frame.addEventListener("load", function () {
      setTimeout(function () { if (!entry.alive) link(entry); }, GRACE);
    });
    frames[id] = entry;
    el.appendChild(frame);
  }

  // Instead of a refused frame: a plain link to the channel on our site.
  function link(entry) {
    var name = NAMES[entry.lang] || NAMES["zh-hans"] || ["zh-Hans", "\u9752\u6d77\u79d1\u666e"];
    var a = document.createElement("a");
    a.href = entry.url;
    a.target = "_blank";
    a.rel = "noopener";
    a.lang = name[0];
    a.textContent = entry.el.getAttribute("data-kepu-title") || name[1];
    var p = document.createElement("p");
    p.className = "kepu-link";
    p.appendChild(a);
    entry.el.replaceChild(p, entry.frame);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    // Only our own widget, in the very frame we made, may resize it.
    if (event.origin !== base || !data || data.kepu !== "resize") return;
    var entry = frames[data.id];
    if (!entry || event.source !== entry.frame.contentWindow) return;
    entry.alive = true;
    var height = Math.min(Math.max(parseInt(data.height, 10) || 0, 60), 4000);
    entry.frame.style.height = height + "px";
    entry.frame.style.visibility = "visible";
  });

  var found = document.querySelectorAll("[data-kepu-lang],[data-kepu-channel]");
  for (var i = 0; i < found.length; i++) build(found[i]);
})();
