/* Qinghai Kepu embed: paste <div data-kepu-lang="bo" data-kepu-channel="health"></div>
   and this script; each placeholder becomes an iframe of our widget, resized to fit.
   Options: data-kepu-limit (1-20), -theme (light|dark), -layout (list|cards),
   -fallback (a language code). No dependencies. See docs/embedding.md. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL) return;
  var base = new URL(script.src).origin;
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
    var frame = document.createElement("iframe");
    frame.src = base + "/embed/" + encodeURIComponent(lang) + "/" +
      (channel ? encodeURIComponent(channel) + "/" : "") + "?" + query.join("&");
    frame.title = el.getAttribute("data-kepu-title") || "\u9752\u6d77\u79d1\u666e";
    frame.setAttribute("loading", "lazy");
    frame.style.cssText = "border:0;width:100%;display:block;height:" + (lang === "mn" ? "32rem" : "24rem");
    frames[id] = frame;
    el.appendChild(frame);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    // Only our own widget, in the very frame we made, may resize it.
    if (event.origin !== base || !data || data.kepu !== "resize") return;
    var frame = frames[data.id];
    if (!frame || event.source !== frame.contentWindow) return;
    var height = Math.min(Math.max(parseInt(data.height, 10) || 0, 60), 4000);
    frame.style.height = height + "px";
  });

  var found = document.querySelectorAll("[data-kepu-lang],[data-kepu-channel]");
  for (var i = 0; i < found.length; i++) build(found[i]);
})();
