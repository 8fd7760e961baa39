// Wagtail's admin only (content/editorial/admin_fonts.py). Traditional Mongolian is typed in a
// horizontal field but read in vertical columns: beside every field holding Mongolian,
// show the text as readers will see it, updated as the editor types, so a wrong letter
// form or a missing NNBSP before a suffix shows up before review.
//
// A field counts as Mongolian when its text contains Mongolian letters, or when it
// belongs to Mongolian content (an mn page or snippet, or a translated field named
// *_mn) and is not empty. No framework: plain DOM, one listener per field.
(function () {
  "use strict";

  var MONGOLIAN = /[\u1800-\u18AF]/;
  var LABEL = "竖排预览";
  var FIELDS =
    'input[type="text"], input:not([type]), input[type="search"], textarea, ' +
    '[contenteditable="true"]';
  var seen = new WeakSet();

  function config() {
    var script = document.getElementById("wagtail-config");
    try {
      return script ? JSON.parse(script.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  var mongolianContent = config().ACTIVE_CONTENT_LOCALE === "mn";

  function textOf(field) {
    return field.isContentEditable ? field.innerText : field.value;
  }

  // Slugs, addresses and search boxes are never read as Mongolian prose.
  function eligible(field) {
    if (field.closest(".kepu-mn-preview-box, .w-header, .w-slim-header, [role=search]")) {
      return false;
    }
    var name = field.name || "";
    return !/(^|[-_])(slug|url|link|email|search|q)$/.test(name);
  }

  function mongolianField(field) {
    // A rich text editor has no name of its own; its hidden input holds the value.
    var hidden = field.isContentEditable
      ? container(field).querySelector("input[type=hidden][name]")
      : null;
    var name = field.name || (hidden && hidden.name) || "";
    return mongolianContent || /_mn$/.test(name);
  }

  function container(field) {
    // The whole rich text editor, not its inner editable area, sits beside the preview.
    return (
      field.closest(".w-field__input") ||
      field.closest(".Draftail-Editor__wrapper") ||
      field.parentElement
    );
  }

  function attach(field) {
    if (seen.has(field) || !eligible(field)) return;
    seen.add(field);
    var box = document.createElement("div");
    box.className = "kepu-mn-preview-box";
    box.hidden = true;
    var label = document.createElement("span");
    label.textContent = LABEL;
    var preview = document.createElement("div");
    preview.className = "kepu-mn-preview";
    preview.lang = "mn-Mong";
    preview.setAttribute("aria-hidden", "true"); // a copy of the field's own text
    box.append(label, preview);
    var host = container(field);
    host.classList.add("kepu-mn-field");
    host.append(box);

    function update() {
      var text = textOf(field);
      var show = MONGOLIAN.test(text) || (mongolianField(field) && text.trim() !== "");
      if (preview.textContent !== text) preview.textContent = text;
      box.hidden = !show;
    }
    if (field.isContentEditable) {
      // Draftail renders through React and cancels most input events: watch the DOM.
      new MutationObserver(update).observe(field, {
        characterData: true,
        childList: true,
        subtree: true,
      });
    } else {
      field.addEventListener("input", update);
      field.addEventListener("change", update);
    }
    update();
  }

  function scan(root) {
    var fields = (root || document).querySelectorAll(FIELDS);
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (seen.has(field)) continue;
      // Attach lazily: only fields that are, or may become, Mongolian.
      if (MONGOLIAN.test(textOf(field)) || mongolianField(field)) attach(field);
    }
  }

  // Fields typed into later (a new StreamField block, a chooser's form) get their preview
  // on the first keystroke; Mongolian pasted into any field, too.
  document.addEventListener(
    "input",
    function (event) {
      var field = event.target.closest ? event.target.closest(FIELDS) : null;
      if (field && !seen.has(field) && MONGOLIAN.test(textOf(field))) attach(field);
    },
    true,
  );
  document.addEventListener("focusin", function (event) {
    var field = event.target.closest ? event.target.closest(FIELDS) : null;
    if (field && !seen.has(field) && mongolianField(field)) attach(field);
  });

  // Draftail and StreamField mount after the document loads; look again when they do.
  var pending = null;
  new MutationObserver(function (records) {
    var ours = records.every(function (record) {
      var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      return node && node.closest(".kepu-mn-preview-box");
    });
    if (pending || ours) return;
    pending = setTimeout(function () {
      pending = null;
      scan();
    }, 250);
  }).observe(document.documentElement, { childList: true, subtree: true });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      scan();
    });
  } else {
    scan();
  }
})();
