/*
 * Two names the theme's own markup leaves out (axe, tests/test_accessibility.py):
 * - each code block's toolbar (<nav class="md-code__nav">, the copy button) is a navigation
 *   landmark; several unnamed ones on a page cannot be told apart (landmark-unique): each is
 *   named after its block;
 * - a table too wide for the screen scrolls in its wrapper (.md-typeset__scrollwrap), which a
 *   keyboard can only scroll if it can take the focus (scrollable-region-focusable).
 * Runs after each page is shown, also after instant navigation (document$), and when the
 * theme adds toolbars later.
 */
(() => {
  "use strict";

  function name() {
    document.querySelectorAll(".md-code__nav:not([aria-label])").forEach((nav) => {
      const block = nav.closest("[id]");
      nav.setAttribute("aria-label", `Code ${block ? block.id.replace(/^__code_/, "") : ""}`.trim());
    });
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach((wrap) => {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.setAttribute("tabindex", "0");
      }
    });
  }

  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(() => name());
  }
  name();
})();
