// The "Copy link" button of components/share/share-links.tsx, without React: content pages are served
// without Next.js's runtime (lib/platform/script-free-pages.mjs), and this one small file works the same
// on the pages that keep it. The button is sent hidden; it is shown only where the browser can copy, so
// nobody meets a button that does nothing (without JavaScript the field beside it is the way to copy).
(function () {
  "use strict";
  if (!navigator.clipboard) return;

  function reveal() {
    var buttons = document.querySelectorAll("button[data-copy-link][hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }
  reveal();
  // This file may run before the button is parsed, and React may draw one later (the pledge journey moves
  // between pages without loading a new document).
  new MutationObserver(reveal).observe(document.documentElement, { childList: true, subtree: true });

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("button[data-copy-link]");
    if (!button) return;
    var status = button.parentElement && button.parentElement.querySelector("[data-copy-link-status]");
    var say = function (text) {
      if (status) status.textContent = text;
    };
    navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(
      function () {
        say("Link copied.");
      },
      function () {
        say("Could not copy: select the link above and copy it.");
      },
    );
  });
})();
