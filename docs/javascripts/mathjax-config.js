// MathJax 3 configuration for the vendored copy in javascripts/vendor/mathjax/ (no CDN).
//
// Pages: pymdownx.arithmatex (generic) wraps each formula in an element of class "arithmatex"
// with \( \) or \[ \] delimiters; only those elements are processed (ignoreHtmlClass
// ignores everything else), so a "$" in prose or code is never taken for math.
// Notebooks (mkdocs-jupyter) keep $ and $$ in .jp-RenderedMarkdown / .jp-RenderedLatex, so
// those delimiters are listed too; they only apply inside the classes processed below.
window.MathJax = {
  tex: {
    inlineMath: [
      ["\\(", "\\)"],
      ["$", "$"],
    ],
    displayMath: [
      ["\\[", "\\]"],
      ["$$", "$$"],
    ],
    processEscapes: false,
    processEnvironments: true,
  },
  options: {
    // Any class but Material's table wrappers (md-typeset__scrollwrap, md-typeset__table),
    // rather than ".*|": an element without a class, or a table wrapper, inherits its parent's
    // state, so the <p>, <li> and tables inside a processed .jp-RenderedMarkdown are typeset
    // too (".*|" also matches the empty class and skipped them), while everything under
    // Material's other classed containers stays ignored.
    ignoreHtmlClass: "(?!md-typeset__)\\S+",
    // Material wraps every table in these two classed <div>s (after the first typeset, but
    // before the typeset that follows instant navigation); without them, a formula in a
    // notebook's table would be skipped as inside an ignored element.
    processHtmlClass:
      "arithmatex|jp-RenderedMarkdown|jp-RenderedLatex|md-typeset__scrollwrap|md-typeset__table",
  },
  // chtml.fontURL is left at its default, output/chtml/fonts/woff-v2 next to tex-mml-chtml.js,
  // which is where the vendored fonts are; extensions load from input/tex/extensions there too.
  startup: {
    ready() {
      MathJax.startup.defaultReady();
      // nbconvert's notebook template calls the MathJax 2 API (MathJax.Hub.Config/Queue).
      // Give it a no-op stand-in so that a notebook page does not throw under MathJax 3.
      if (!MathJax.Hub) {
        const noop = () => {};
        MathJax.Hub = {
          Config: noop,
          Configured: noop,
          Queue: noop,
          Typeset: noop,
          Register: { StartupHook: noop, MessageHook: noop },
        };
      }
    },
  },
};

// Material's instant navigation swaps the page content without reloading the scripts:
// typeset again each time a page is shown (document$ emits on the first load and after each
// navigation). Before MathJax has started, its own startup typesets the page.
document$.subscribe(() => {
  if (!MathJax.startup || !MathJax.startup.promise || !MathJax.typesetPromise) {
    return;
  }
  MathJax.startup.promise = MathJax.startup.promise.then(() => {
    MathJax.startup.output.clearCache();
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  });
});
