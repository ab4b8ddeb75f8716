/*
 * Shape and parameter calculator.
 *
 * Turns every <div class="cs-calculator"></div> on a page into a small form: input size H×W×C_in,
 * kernel kH×kW, stride, padding, C_out and bias on/off give the output shape, the number of
 * parameters of a fully connected, a locally connected and a convolutional layer, their
 * multiply-adds, and the formulas with the reader's numbers substituted (typeset by the vendored
 * KaTeX, which this script loads only on a page that has a calculator; the rest of the site's
 * formulas are typeset when the site is built). Attributes data-h, data-w, data-cin, data-kh, data-kw, data-stride,
 * data-padding, data-cout and data-bias="false" set the starting values.
 *
 * The arithmetic is exact (BigInt) and follows the library:
 *   convshare.output_size(n, k, stride=s, padding=p)        = (n + 2p - k) // s + 1
 *   convshare.params_fully_connected(C_in*H*W, C_out*Ho*Wo)  = n_in*n_out + n_out
 *   convshare.params_locally_connected2d((C_in,H,W), C_out, (kH,kW), ...)
 *                                                             = Ho*Wo*C_out*(C_in*kH*kW + 1)
 *   convshare.params_conv2d(C_in, C_out, (kH,kW))             = C_out*(C_in*kH*kW + 1)
 * (the "+ 1" and "+ n_out" terms are the biases; they go when bias is off).
 * tests/test_widgets.py drives this form in Chromium and compares every number with the library.
 *
 * Plain JavaScript; KaTeX is fetched on demand. Works with Material's instant navigation (document$).
 */
(() => {
  "use strict";

  // The vendored KaTeX, next to this script (resolved now: after instant navigation there is
  // no current script).
  const KATEX_URL = new URL("vendor/katex/katex.min.js", document.currentScript.src).href;
  let katexLoading = null;

  /** Resolves when `node` comes within a screen of the viewport (KaTeX is fetched only then). */
  function whenNear(node) {
    if (!("IntersectionObserver" in window)) return Promise.resolve();
    return new Promise((resolve) => {
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            observer.disconnect();
            resolve();
          }
        },
        { rootMargin: "100% 0px" },
      );
      observer.observe(node);
    });
  }

  /** KaTeX, loaded once (a promise of window.katex). */
  function loadKatex() {
    if (!katexLoading) {
      katexLoading = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = KATEX_URL;
        script.async = true;
        script.onload = () => resolve(window.katex);
        script.onerror = () => {
          katexLoading = null;
          reject(new Error(`could not load ${KATEX_URL}`));
        };
        document.head.append(script);
      });
    }
    return katexLoading;
  }

  const FIELDS = [
    // key, minimum, default (labels and names in TEXT)
    ["h", 1n, "32"],
    ["w", 1n, "32"],
    ["cin", 1n, "3"],
    ["kh", 1n, "5"],
    ["kw", 1n, "5"],
    ["stride", 1n, "1"],
    ["padding", 0n, "0"],
    ["cout", 1n, "2"],
  ];

  // Everything the calculator says, in the page's language (<html lang>); the numbers and the
  // formulas are the same in every language.
  const TEXT = {
    en: {
      // key: [label (HTML), what it is (for messages)]
      fields: {
        h: ["H", "the input height H"],
        w: ["W", "the input width W"],
        cin: ["C<sub>in</sub>", "the number of input channels C_in"],
        kh: ["k<sub>H</sub>", "the kernel height kH"],
        kw: ["k<sub>W</sub>", "the kernel width kW"],
        stride: ["stride s", "the stride s"],
        padding: ["padding p", "the padding p"],
        cout: ["C<sub>out</sub>", "the number of filters C_out"],
      },
      empty: (what) => `Enter a whole number for ${what}.`,
      notWhole: (what, raw) => `${capital(what)} must be a whole number, got ${raw}.`,
      tooSmall: (what, minimum, raw) =>
        `${capital(what)} must be ${minimum === 0n ? "0 or more" : `at least ${minimum}`}, got ${raw}.`,
      noFit: (k, name, side, n, p, padded) =>
        `The kernel does not fit: ${k} is larger than the padded ${name} ` +
        `${side} + 2p = ${n} + 2·${p} = ${padded}.`,
      height: "height",
      width: "width",
      formulas: [
        "output height",
        "output width",
        "parameters, fully connected",
        "parameters, locally connected",
        "parameters, convolutional",
      ],
      form: "Layer settings",
      bias: "bias",
      shape: "Output shape",
      columns: ["layer", "parameters", "multiply-adds"],
      layers: ["fully connected", "locally connected", "convolutional"],
      hint: "Change any setting: the output shape, the counts and the formulas follow.",
    },
    zh: {
      fields: {
        h: ["H", "输入高度 H"],
        w: ["W", "输入宽度 W"],
        cin: ["C<sub>in</sub>", "输入通道数 C_in"],
        kh: ["k<sub>H</sub>", "卷积核高度 kH"],
        kw: ["k<sub>W</sub>", "卷积核宽度 kW"],
        stride: ["步幅 s", "步幅 s"],
        padding: ["填充 p", "填充 p"],
        cout: ["C<sub>out</sub>", "滤波器个数 C_out"],
      },
      empty: (what) => `请为${what}输入一个整数。`,
      notWhole: (what, raw) => `${what}必须是整数，现在是 ${raw}。`,
      tooSmall: (what, minimum, raw) =>
        `${what}${minimum === 0n ? "不能小于 0" : `至少为 ${minimum}`}，现在是 ${raw}。`,
      noFit: (k, name, side, n, p, padded) =>
        `卷积核放不下：${k} 大于填充后的${name} ${side} + 2p = ${n} + 2·${p} = ${padded}。`,
      height: "高度",
      width: "宽度",
      formulas: ["输出高度", "输出宽度", "参数量（全连接）", "参数量（局部连接）", "参数量（卷积）"],
      form: "层的设置",
      bias: "偏置",
      shape: "输出形状",
      columns: ["层", "参数", "乘加次数"],
      layers: ["全连接", "局部连接", "卷积"],
      hint: "改变任意一项设置，输出形状、参数个数和公式都会随之更新。",
    },
  };

  /** The labels for the page's language: <html lang> (zh, zh-CN, ... -> zh), else English. */
  function text() {
    const lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
    return TEXT[lang] || TEXT.en;
  }

  const TYPESET_DELAY_MS = 150;

  let counter = 0;

  /** 105705600n -> "105,705,600" (the separators the pages use). */
  function fmt(n) {
    const s = (n < 0n ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return n < 0n ? `-${s}` : s;
  }

  /** The same number for TeX: "105{,}705{,}600" (no space after the commas). */
  function tex(n) {
    return fmt(n).replace(/,/g, "{,}");
  }

  /** Read one field: a BigInt, or a message saying what is wrong. */
  function readField(input, minimum, what, t) {
    const raw = input.value.trim();
    if (raw === "") {
      // A number input also reports "" for text it cannot parse.
      return { error: t.empty(what) };
    }
    if (!/^[+-]?\d+$/.test(raw)) {
      return { error: t.notWhole(what, raw) };
    }
    const value = BigInt(raw);
    if (value < minimum) {
      return { error: t.tooSmall(what, minimum, raw) };
    }
    return { value };
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** Everything the calculator shows, or {error} when the settings are impossible. */
  function compute(v, t) {
    const paddedH = v.h + 2n * v.padding;
    const paddedW = v.w + 2n * v.padding;
    if (v.kh > paddedH) {
      return {
        error: t.noFit(`kH = ${fmt(v.kh)}`, t.height, "H", fmt(v.h), fmt(v.padding), fmt(paddedH)),
      };
    }
    if (v.kw > paddedW) {
      return {
        error: t.noFit(`kW = ${fmt(v.kw)}`, t.width, "W", fmt(v.w), fmt(v.padding), fmt(paddedW)),
      };
    }
    // BigInt division truncates; both numerators are >= 0 here, so this is the floor.
    const ho = (paddedH - v.kh) / v.stride + 1n;
    const wo = (paddedW - v.kw) / v.stride + 1n;
    const b = v.bias ? 1n : 0n;
    const nIn = v.cin * v.h * v.w;
    const nOut = v.cout * ho * wo;
    const perUnit = v.cin * v.kh * v.kw; // weights seen by one output unit
    return {
      ho,
      wo,
      nIn,
      nOut,
      perUnit,
      fc: nIn * nOut + b * nOut,
      lc: nOut * perUnit + b * nOut,
      conv: v.cout * perUnit + b * v.cout,
      fcMacs: nIn * nOut,
      localMacs: nOut * perUnit,
    };
  }

  /**
   * One formula as lines aligned on "=": the formula, then "= ..." with the reader's numbers,
   * then "= result", so that each line is narrow enough for a phone's screen.
   */
  function steps(...lines) {
    return String.raw`\begin{aligned} &${lines[0]} \\ ` +
      lines.slice(1).map((line) => String.raw`&= ${line}`).join(String.raw` \\ `) +
      String.raw` \end{aligned}`;
  }

  function formulas(v, r, t) {
    const f = (n) => tex(n);
    const bias = v.bias;
    const outH = steps(
      String.raw`H_\text{out} = \left\lfloor \frac{H + 2p - k_H}{s} \right\rfloor + 1`,
      String.raw`\left\lfloor \frac{${f(v.h)} + 2 \cdot ${f(v.padding)} - ${f(v.kh)}}{${f(v.stride)}} \right\rfloor + 1`,
      f(r.ho),
    );
    const outW = steps(
      String.raw`W_\text{out} = \left\lfloor \frac{W + 2p - k_W}{s} \right\rfloor + 1`,
      String.raw`\left\lfloor \frac{${f(v.w)} + 2 \cdot ${f(v.padding)} - ${f(v.kw)}}{${f(v.stride)}} \right\rfloor + 1`,
      f(r.wo),
    );
    const unit = `${f(v.cin)} \\cdot ${f(v.kh)} \\cdot ${f(v.kw)}`;
    const conv = bias
      ? steps(String.raw`C_\text{out}\,(C_\text{in} k_H k_W + 1)`, String.raw`${f(v.cout)} \cdot (${unit} + 1)`, f(r.conv))
      : steps(String.raw`C_\text{out}\, C_\text{in} k_H k_W`, String.raw`${f(v.cout)} \cdot ${unit}`, f(r.conv));
    const outs = `${f(r.ho)} \\cdot ${f(r.wo)} \\cdot ${f(v.cout)}`;
    const lc = bias
      ? steps(String.raw`H_\text{out} W_\text{out} C_\text{out}\,(C_\text{in} k_H k_W + 1)`, String.raw`${outs} \cdot (${unit} + 1)`, f(r.lc))
      : steps(String.raw`H_\text{out} W_\text{out} C_\text{out}\, C_\text{in} k_H k_W`, String.raw`${outs} \cdot ${unit}`, f(r.lc));
    const nIn = `(${f(v.cin)} \\cdot ${f(v.h)} \\cdot ${f(v.w)})`;
    const nOut = `(${f(v.cout)} \\cdot ${f(r.ho)} \\cdot ${f(r.wo)})`;
    const fc = bias
      ? steps(String.raw`n_\text{in}\, n_\text{out} + n_\text{out}`, String.raw`${nIn} \cdot ${nOut} + ${f(r.nOut)}`, f(r.fc))
      : steps(String.raw`n_\text{in}\, n_\text{out}`, String.raw`${nIn} \cdot ${nOut}`, f(r.fc));
    const lines = [outH, outW, fc, lc, conv];
    return lines.map((line, k) => [t.formulas[k], line]);
  }

  function build(root) {
    counter += 1;
    const id = (key) => `cs-calc-${counter}-${key}`;
    const t = text();
    root.textContent = "";
    root.classList.add("cs-widget");

    const form = document.createElement("form");
    form.className = "cs-calculator__form";
    form.setAttribute("aria-label", t.form);
    form.addEventListener("submit", (event) => event.preventDefault());
    const inputs = {};
    for (const [key, minimum, value] of FIELDS) {
      const [label] = t.fields[key];
      const field = document.createElement("div");
      field.className = "cs-calculator__field";
      const lab = document.createElement("label");
      lab.htmlFor = id(key);
      lab.innerHTML = label;
      const input = document.createElement("input");
      input.type = "number";
      input.id = id(key);
      input.name = key;
      input.min = minimum.toString();
      input.step = "1";
      input.value = root.dataset[key] ?? value; // e.g. data-h="227" sets the starting value
      input.inputMode = "numeric";
      input.dataset.field = key;
      field.append(lab, input);
      form.append(field);
      inputs[key] = input;
    }
    const biasField = document.createElement("div");
    biasField.className = "cs-calculator__field cs-calculator__field--check";
    const bias = document.createElement("input");
    bias.type = "checkbox";
    bias.id = id("bias");
    bias.name = "bias";
    bias.checked = root.dataset.bias !== "false";
    bias.dataset.field = "bias";
    const biasLabel = document.createElement("label");
    biasLabel.htmlFor = bias.id;
    biasLabel.textContent = t.bias;
    biasField.append(bias, biasLabel);
    form.append(biasField);

    const live = document.createElement("div");
    live.className = "cs-calculator__result";

    // Screen readers hear the message or the output shape, not the whole table each keystroke.
    const error = document.createElement("p");
    error.className = "cs-calculator__error";
    error.setAttribute("aria-live", "polite");
    error.hidden = true;

    const results = document.createElement("div");
    results.className = "cs-calculator__values";
    results.innerHTML = `
      <p class="cs-calculator__shape" aria-live="polite" aria-atomic="true">${t.shape}
        <span class="cs-calculator__dims">(C<sub>out</sub>, H<sub>out</sub>, W<sub>out</sub>) =
        (<output data-value="cout"></output>, <output data-value="ho"></output>,
        <output data-value="wo"></output>)</span></p>
      <table class="cs-calculator__table">
        <thead><tr><th scope="col">${t.columns[0]}</th><th scope="col">${t.columns[1]}</th>
          <th scope="col">${t.columns[2]}</th></tr></thead>
        <tbody>
          <tr><th scope="row">${t.layers[0]}</th><td data-value="fc"></td>
            <td data-value="fc-macs"></td></tr>
          <tr><th scope="row">${t.layers[1]}</th><td data-value="lc"></td>
            <td data-value="lc-macs"></td></tr>
          <tr><th scope="row">${t.layers[2]}</th><td data-value="conv"></td>
            <td data-value="conv-macs"></td></tr>
        </tbody>
      </table>`;
    const math = document.createElement("div");
    math.className = "cs-calculator__math";
    math.csGeneration = 0; // which edit the formulas shown belong to
    live.append(error, results);
    const hint = document.createElement("p");
    hint.className = "cs-widget__hint";
    hint.textContent = t.hint;
    root.append(hint, form, live, math);

    const show = (key, n) => {
      for (const node of results.querySelectorAll(`[data-value="${key}"]`)) {
        node.textContent = fmt(n);
      }
    };

    let lastTex = "";
    let pending = null;
    const update = () => {
      const v = { bias: bias.checked };
      for (const [key, minimum] of FIELDS) {
        const got = readField(inputs[key], minimum, t.fields[key][1], t);
        if (got.error) {
          return fail(got.error, inputs[key]);
        }
        v[key] = got.value;
      }
      const r = compute(v, t);
      if (r.error) {
        return fail(r.error, null);
      }
      for (const input of Object.values(inputs)) {
        input.removeAttribute("aria-invalid");
      }
      error.hidden = true;
      error.textContent = "";
      results.hidden = false;
      math.hidden = false;
      show("cout", v.cout);
      show("ho", r.ho);
      show("wo", r.wo);
      show("fc", r.fc);
      show("lc", r.lc);
      show("conv", r.conv);
      show("fc-macs", r.fcMacs);
      show("lc-macs", r.localMacs);
      show("conv-macs", r.localMacs);
      const lines = formulas(v, r, t);
      const text = lines.map(([, line]) => line).join("\n");
      if (text !== lastTex) {
        lastTex = text;
        // Typeset once the reader pauses: the numbers above update at every keystroke.
        clearTimeout(pending);
        pending = setTimeout(() => typeset(math, lines, ++math.csGeneration), TYPESET_DELAY_MS);
      }
    };

    const fail = (message, input) => {
      for (const other of Object.values(inputs)) {
        other.toggleAttribute("aria-invalid", other === input);
      }
      error.textContent = message;
      error.hidden = false;
      results.hidden = true;
      math.hidden = true;
    };

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  /** Put the formulas into `node`, one display each, typeset by KaTeX (the TeX until it loads). */
  function typeset(node, lines, generation) {
    const current = () => node.isConnected && node.csGeneration === generation;
    const fill = (katex) => {
      node.textContent = "";
      for (const [label, line] of lines) {
        const row = document.createElement("div");
        row.className = "cs-calculator__formula";
        const name = document.createElement("div");
        name.className = "cs-calculator__label";
        name.textContent = label;
        const div = document.createElement("div");
        div.className = "arithmatex";
        if (katex) {
          katex.render(line, div, { displayMode: true, output: "htmlAndMathml", throwOnError: false });
        } else {
          div.textContent = `\\[${line}\\]`;
        }
        row.append(name, div);
        node.append(row);
      }
    };
    if (window.katex) {
      fill(window.katex);
      return;
    }
    fill(null); // the TeX source, readable while KaTeX loads (or if it cannot)
    // Once KaTeX is on its way (the reader came near), formulas redrawn meanwhile wait for it,
    // not for the reader to come near again.
    (katexLoading || whenNear(node))
      .then(loadKatex)
      .then((katex) => current() && fill(katex))
      .catch((err) => console.warn("KaTeX could not typeset the calculator:", err));
  }

  function init() {
    for (const root of document.querySelectorAll(".cs-calculator:not([data-cs-ready])")) {
      root.dataset.csReady = "true";
      build(root);
    }
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(() => init());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
