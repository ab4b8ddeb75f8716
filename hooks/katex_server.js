// Renders TeX with the vendored KaTeX for hooks/render_math.py, for as long as a build (or
// `mkdocs serve`) runs. Protocol, one JSON document per line:
//   in:  [[tex, display, output], ...]  (display: true for a display formula; output: optional,
//                                        "html" for the drawing alone, else HTML + MathML)
//   out: [{"html": "..."} or {"error": "..."}, ...]  (same order)
// Usage: node hooks/katex_server.js path/to/katex.min.js
"use strict";
const readline = require("readline");
const katex = require(require("path").resolve(process.argv[2]));

const OPTIONS = {
  output: "htmlAndMathml", // the HTML is drawn; the MathML (with the TeX) is read aloud and copied
  throwOnError: true,
  // TeX that KaTeX would only guess at is an error that the build names, except letters of
  // other scripts in math mode (a Chinese word in a formula), which KaTeX sets as text, as TeX does.
  strict: (code) => (code === "unicodeTextInMathMode" ? "ignore" : "error"),
  trust: false,
};

function render([tex, display, output]) {
  try {
    const options = { ...OPTIONS, displayMode: display, output: output || OPTIONS.output };
    return { html: katex.renderToString(tex, options) };
  } catch (err) {
    return { error: String(err && err.message ? err.message : err) };
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let out;
  try {
    out = JSON.parse(line).map(render);
  } catch (err) {
    out = { error: `bad request: ${err.message}` };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
