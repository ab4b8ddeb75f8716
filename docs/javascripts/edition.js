/*
 * The two editions (English under the site's root, Chinese under zh/): after every page shown,
 * including those swapped in by Material's instant navigation, <html lang> names the page's
 * language and each entry of the language switcher links the page's twin (the same path in the
 * other edition; mkdocs-static-i18n builds every page in both, untranslated ones in English).
 * Going to the other edition (by the switcher or any other link) is a full page load, so that
 * the header, the navigation and the widgets' labels are all the new edition's; the switcher
 * goes to the twin of the page the address names, even while instant navigation is still
 * bringing that page in.
 *
 * The editions' roots come from the <link rel=alternate hreflang> elements in <head>.
 */
(() => {
  "use strict";

  const roots = {};
  for (const link of document.querySelectorAll("head link[rel=alternate][hreflang]")) {
    roots[link.getAttribute("hreflang")] = new URL(link.href).pathname;
  }
  const languages = Object.keys(roots).sort((a, b) => roots[b].length - roots[a].length);

  /** The edition a path belongs to: the one with the longest root that starts it. */
  function editionOf(path) {
    return languages.find((lang) => path.startsWith(roots[lang]));
  }

  /** The same page in another edition. */
  function twin(url, lang) {
    const here = editionOf(url.pathname);
    const rest = here ? url.pathname.slice(roots[here].length) : "";
    return new URL(roots[lang] + rest, url).href;
  }

  function update() {
    const here = new URL(location.href);
    const lang = editionOf(here.pathname);
    if (lang && document.documentElement.lang !== lang) {
      document.documentElement.lang = lang;
    }
    for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
      const target = link.getAttribute("hreflang");
      if (target in roots) {
        link.href = twin(here, target);
      }
    }
  }

  // Before Material's own handlers (on <body>): a link into the other edition (the switcher,
  // or a search result that exists in English only) loads that page; instant navigation would
  // swap the content in and leave the header, the search and <html lang> in the old language.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[href]");
      if (!link || link.target || event.button !== 0) {
        return;
      }
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      // A switcher entry leads to the twin of the page the address names. Instant navigation
      // changes the address first and swaps the page in (switcher included) once it has come:
      // in between, the entry still links the previous page's twin.
      const lang = link.matches(".md-select__link[hreflang]") && link.getAttribute("hreflang");
      const here = new URL(location.href);
      const url = lang in roots ? new URL(twin(here, lang)) : new URL(link.href, here);
      if (url.origin !== location.origin) {
        return;
      }
      if (editionOf(url.pathname) === editionOf(here.pathname)) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      location.assign(url.href);
    },
    true,
  );

  if (typeof document$ !== "undefined") {
    document$.subscribe(update);
  } else {
    update();
  }
})();
