/*
 * Convolution stepper.
 *
 * Turns every <div class="cs-stepper" data-example="NAME"></div> into a player that walks a
 * filter over the (padded) input, one output position at a time: it highlights the receptive
 * field, shows the element-wise products and their sum (+ bias) and fills the output cell.
 * Whatever the placeholder holds (the static figure, for readers without JavaScript) is replaced
 * once the numbers have loaded.
 *
 * It computes nothing. Every number comes from figures/stepper.json, which the library writes
 * (src/convshare/figures/stepper_data.py, `make figures`) and the figure test keeps up to date;
 * tests/test_widgets.py steps through every position in Chromium and compares with conv2d.
 *
 * Plain JavaScript, no dependencies. Works with Material's instant navigation (document$).
 */
(() => {
  "use strict";

  const PLAY_MS = 900;

  // Everything the stepper says, in the page's language (<html lang>); the numbers are the same.
  const TEXT = {
    en: {
      controls: "Stepper controls",
      reset: "Reset",
      prev: "Previous",
      play: "Play",
      pause: "Pause",
      next: "Next",
      position: "Output position",
      filter: "Filter",
      input: (sub, padded) => `input x${sub}${padded ? ", padded" : ""}`,
      products: "products",
      times: "times, element by element",
      hint: (many) =>
        "Step with the buttons or the slider (arrow keys move it one position)" +
        (many ? "; choose the filter, W0 or W1." : "."),
      filterCaption: (name, c) => (c === null ? `filter ${name}` : `filter ${name}, channel ${c}`),
      output: (sub) => `output y${sub}`,
      at: (i, j) => `y at row ${i}, column ${j}: `,
      bias: "bias",
      where: (i, j) => `row ${i}, column ${j}`,
      of: (k, n) => `${k} of ${n}`,
      row: (r) => `row ${r}`,
      column: (c) => `column ${c}`,
      padding: (where) => `${where}, padding`,
    },
    zh: {
      controls: "步进控制",
      reset: "重置",
      prev: "上一步",
      play: "播放",
      pause: "暂停",
      next: "下一步",
      position: "输出位置",
      filter: "滤波器",
      input: (sub, padded) => `输入 x${sub}${padded ? "（已填充）" : ""}`,
      products: "逐元素乘积",
      times: "逐元素相乘",
      hint: (many) =>
        "用按钮或滑块逐步移动（方向键每次移动一个位置）" +
        (many ? "；可以选择滤波器 W0 或 W1。" : "。"),
      filterCaption: (name, c) => (c === null ? `滤波器 ${name}` : `滤波器 ${name}，通道 ${c}`),
      output: (sub) => `输出 y${sub}`,
      at: (i, j) => `第 ${i} 行第 ${j} 列的 y：`,
      bias: "偏置",
      where: (i, j) => `第 ${i} 行，第 ${j} 列`,
      of: (k, n) => `共 ${n} 个中的第 ${k} 个`,
      row: (r) => `第 ${r} 行`,
      column: (c) => `第 ${c} 列`,
      padding: (where) => `${where}（填充）`,
    },
  };

  /** The labels for the page's language: <html lang> (zh, zh-CN, ... -> zh), else English. */
  function text() {
    const lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
    return TEXT[lang] || TEXT.en;
  }

  // Button icons drawn inline (no icon font, no emoji that a reader's fonts may lack).
  const ICONS = {
    reset: "M6 5h2v14H6zM9.5 12 18 5v14z",
    prev: "M16 5v14L7 12z",
    play: "M8 5v14l11-7z",
    pause: "M7 5h4v14H7zm6 0h4v14h-4z",
    next: "M8 5v14l9-7z",
  };

  function icon(name) {
    const span = document.createElement("span");
    span.className = "cs-stepper__icon";
    span.setAttribute("aria-hidden", "true");
    span.innerHTML = `<svg viewBox="0 0 24 24" focusable="false"><path d="${ICONS[name]}"/></svg>`;
    return span;
  }

  // The site root is where this script lives, one folder up: works at nested URLs, under a
  // site_url prefix and with `mkdocs serve`.
  const script =
    document.currentScript || document.querySelector("script[src*='javascripts/stepper.js']");
  const DATA_URL = new URL("../figures/stepper.json", script ? script.src : document.baseURI);

  let data = null; // a promise of the parsed JSON, fetched once per visit
  let counter = 0;

  function load() {
    if (!data) {
      data = fetch(DATA_URL).then((response) => {
        if (!response.ok) {
          throw new Error(`${DATA_URL}: HTTP ${response.status}`);
        }
        return response.json();
      });
      data.catch(() => {
        data = null; // try again on the next page
      });
    }
    return data;
  }

  /** -3 -> "−3" (a real minus sign), 0.5 -> "0.5". */
  function num(value) {
    const s = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
    return s.replace(/^-/, "\u2212");
  }

  /** A number inside a sum: negative terms in parentheses. */
  function term(value) {
    return value < 0 ? `(${num(value)})` : num(value);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** The headers of a grid's rows or columns: its indices, in the page's language. Where the
   * grid is a padded input, the indices are the input's own (-1 and H for one row of padding,
   * said to be padding), as in x[i, j]. */
  function indices(count, pad, label) {
    const t = text();
    return Array.from({ length: count }, (_, k) => {
      const index = k - pad;
      const name = label(num(index));
      return index < 0 || index >= count - 2 * pad ? t.padding(name) : name;
    });
  }

  /** A table of numbers with a caption; returns {table, cells[r][c]}. Each row and column has
   * a header that only screen readers read (its index), so that a cell is announced with its
   * place: "row 1, column 2". */
  function grid(values, captionHTML, className, pad = [0, 0]) {
    const t = text();
    const table = el("table", `cs-grid ${className || ""}`.trim());
    const caption = el("caption");
    caption.innerHTML = captionHTML;
    table.append(caption);
    const head = el("thead", "cs-grid__head");
    const headRow = el("tr");
    headRow.append(el("td"));
    for (const name of indices(values[0].length, pad[1], t.column)) {
      const th = el("th", "", name);
      th.scope = "col";
      headRow.append(th);
    }
    head.append(headRow);
    table.append(head);
    const rowNames = indices(values.length, pad[0], t.row);
    const body = el("tbody");
    const cells = values.map((row, r) => {
      const tr = el("tr");
      const th = el("th", "cs-grid__head", rowNames[r]);
      th.scope = "row";
      tr.append(th);
      const tds = row.map((value) => {
        const td = el("td", "", value === null ? "" : num(value));
        tr.append(td);
        return td;
      });
      body.append(tr);
      return tds;
    });
    table.append(body);
    return { table, cells };
  }

  function build(root, example, all) {
    counter += 1;
    const uid = `cs-step-${counter}`;
    const ex = all[example];
    const cIn = ex.x.length;
    const cOut = ex.w.length;
    const [pH, pW] = ex.padding;
    const hOut = ex.y[0].length;
    const wOut = ex.y[0][0].length;
    const n = ex.positions.length;
    const state = { k: 0, o: 0, timer: null };
    const t = text();

    root.textContent = "";
    root.classList.add("cs-widget");

    // Controls --------------------------------------------------------------------------
    const controls = el("div", "cs-stepper__controls");
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", t.controls);
    const button = (label, action) => {
      const b = el("button", "md-button cs-stepper__button");
      b.type = "button";
      b.dataset.action = action;
      b.append(icon(action), el("span", "cs-stepper__label", label));
      controls.append(b);
      return b;
    };
    const reset = button(t.reset, "reset");
    const prev = button(t.prev, "prev");
    const play = button(t.play, "play");
    play.setAttribute("aria-pressed", "false");
    const next = button(t.next, "next");
    next.classList.add("cs-stepper__button--next");

    const sliderBox = el("div", "cs-stepper__slider");
    const slider = el("input");
    slider.type = "range";
    slider.id = `${uid}-position`;
    slider.min = "0";
    slider.max = String(n - 1);
    slider.step = "1";
    slider.value = "0";
    const sliderLabel = el("label", "", t.position);
    sliderLabel.htmlFor = slider.id;
    const where = el("output", "cs-stepper__where");
    where.htmlFor = slider.id;
    sliderBox.append(sliderLabel, slider, where);
    controls.append(sliderBox);

    let radios = [];
    if (cOut > 1) {
      const fieldset = el("fieldset", "cs-stepper__filters");
      const legend = el("legend", "", t.filter);
      fieldset.append(legend);
      radios = ex.w.map((_, o) => {
        const radio = el("input");
        radio.type = "radio";
        radio.name = `${uid}-filter`;
        radio.id = `${uid}-filter-${o}`;
        radio.value = String(o);
        radio.checked = o === 0;
        const label = el("label");
        label.htmlFor = radio.id;
        label.innerHTML = `W<sub>${o}</sub>`;
        fieldset.append(radio, label);
        return radio;
      });
      controls.append(fieldset);
    }

    // Board: one row per input channel, then the output ----------------------------------
    const board = el("div", "cs-stepper__board");
    const channels = el("div", "cs-stepper__channels");
    const rows = [];
    for (let c = 0; c < cIn; c += 1) {
      const row = el("div", "cs-stepper__row");
      const sub = cIn > 1 ? `<sub>${c}</sub>` : "";
      const input = grid(
        ex.x_padded[c],
        t.input(sub, Boolean(pH || pW)),
        "cs-grid--input",
        ex.padding,
      );
      // Mark the zero padding so it reads as "outside the image".
      input.cells.forEach((tds, r) =>
        tds.forEach((td, col) => {
          const inside =
            r >= pH && r < ex.x_padded[c].length - pH && col >= pW && col < tds.length - pW;
          if (!inside) td.classList.add("is-pad");
        }),
      );
      const kh = ex.w[0][0].length;
      const kw = ex.w[0][0][0].length;
      const blank = Array.from({ length: kh }, () => Array(kw).fill(null));
      const filter = grid(blank, "", "cs-grid--filter");
      const products = grid(blank, t.products, "cs-grid--products");
      const op1 = el("span", "cs-stepper__op", "\u2299");
      op1.setAttribute("aria-label", t.times);
      const op2 = el("span", "cs-stepper__op", "=");
      const partial = el("p", "cs-stepper__partial");
      partial.hidden = cIn === 1; // one channel: the total below says the same
      const stack = el("div", "cs-stepper__stack");
      stack.append(products.table, partial);
      row.append(input.table, op1, filter.table, op2, stack);
      channels.append(row);
      rows.push({ input, filter, products, partial });
    }
    const side = el("div", "cs-stepper__side");
    const output = grid(
      Array.from({ length: hOut }, () => Array(wOut).fill(null)),
      "",
      "cs-grid--output",
    );
    const total = el("p", "cs-stepper__total");
    total.setAttribute("aria-live", "polite");
    side.append(output.table, total);
    board.append(channels, side);
    const hint = el("p", "cs-widget__hint", t.hint(cOut > 1));
    root.append(hint, controls, board);

    // Drawing ---------------------------------------------------------------------------
    const draw = () => {
      const { k, o } = state;
      const pos = ex.positions[k];
      const step = ex.steps[o][k];
      const [r0, r1] = pos.rows;
      const [c0, c1] = pos.cols;
      const filterName = cOut > 1 ? `W<sub>${o}</sub>` : "w";
      rows.forEach((row, c) => {
        row.input.cells.forEach((tds, r) =>
          tds.forEach((td, col) => {
            td.classList.toggle("is-field", r >= r0 && r < r1 && col >= c0 && col < c1);
          }),
        );
        const wc = ex.w[o][c];
        row.filter.table.caption.innerHTML = t.filterCaption(filterName, cIn > 1 ? c : null);
        row.filter.cells.forEach((tds, r) =>
          tds.forEach((td, col) => {
            td.textContent = num(wc[r][col]);
          }),
        );
        const pc = step.products[c];
        const xs = ex.x_padded[c];
        row.products.cells.forEach((tds, r) =>
          tds.forEach((td, col) => {
            td.textContent = num(pc[r][col]);
            td.title = `${num(xs[r0 + r][c0 + col])} \u00D7 ${num(wc[r][col])}`;
          }),
        );
        const terms = pc.flat().map(term).join(" + ");
        row.partial.innerHTML = "";
        row.partial.append(
          el("span", "cs-stepper__terms", `${terms} = `),
          el("strong", "cs-stepper__channel-sum", num(step.channel_sums[c])),
        );
      });
      const ys = ex.y[o];
      output.table.caption.innerHTML = t.output(cOut > 1 ? `<sub>${o}</sub>` : "");
      output.cells.forEach((tds, i) =>
        tds.forEach((td, j) => {
          const index = i * wOut + j;
          td.textContent = index <= k ? num(ys[i][j]) : "";
          td.classList.toggle("is-current", index === k);
          td.classList.toggle("is-done", index < k);
          td.dataset.i = String(i);
          td.dataset.j = String(j);
        }),
      );
      // The sum in words and numbers, announced to screen readers.
      total.textContent = "";
      const head = el("span", "cs-stepper__at", t.at(pos.i, pos.j));
      const parts = [];
      if (cIn > 1) {
        parts.push(step.channel_sums.map(term).join(" + "));
      } else {
        parts.push(step.products[0].flat().map(term).join(" + "));
      }
      const hasBias = ex.b !== null;
      if (hasBias) parts.push(`${term(ex.b[o])} (${t.bias})`);
      const value = el("strong", "cs-stepper__y", num(step.y));
      total.append(head, `${parts.join(" + ")} = `, value);
      slider.value = String(k);
      slider.setAttribute("aria-valuetext", `${t.where(pos.i, pos.j)} (${t.of(k + 1, n)})`);
      where.textContent = `${k + 1} / ${n}: (${pos.i}, ${pos.j})`;
      prev.disabled = k === 0;
      next.disabled = k === n - 1;
    };

    const go = (k) => {
      state.k = Math.max(0, Math.min(n - 1, k));
      draw();
    };
    const stop = () => {
      if (state.timer !== null) clearInterval(state.timer);
      state.timer = null;
      play.setAttribute("aria-pressed", "false");
      play.querySelector(".cs-stepper__icon").replaceWith(icon("play"));
      play.querySelector(".cs-stepper__label").textContent = t.play;
    };
    const start = () => {
      if (state.k === n - 1) go(0);
      play.setAttribute("aria-pressed", "true");
      play.querySelector(".cs-stepper__icon").replaceWith(icon("pause"));
      play.querySelector(".cs-stepper__label").textContent = t.pause;
      state.timer = setInterval(() => {
        if (!root.isConnected || state.k >= n - 1) {
          stop();
          return;
        }
        go(state.k + 1);
        if (state.k === n - 1) stop();
      }, PLAY_MS);
    };

    reset.addEventListener("click", () => {
      stop();
      go(0);
    });
    prev.addEventListener("click", () => {
      stop();
      go(state.k - 1);
    });
    next.addEventListener("click", () => {
      stop();
      go(state.k + 1);
    });
    play.addEventListener("click", () => (state.timer === null ? start() : stop()));
    slider.addEventListener("input", () => {
      stop();
      go(Number(slider.value));
    });
    for (const radio of radios) {
      radio.addEventListener("change", () => {
        if (radio.checked) {
          state.o = Number(radio.value);
          draw();
        }
      });
    }
    draw();
  }

  function init() {
    const roots = document.querySelectorAll(".cs-stepper:not([data-cs-ready])");
    if (roots.length === 0) return;
    for (const root of roots) root.dataset.csReady = "loading";
    load().then(
      (all) => {
        for (const root of roots) {
          const example = root.dataset.example;
          if (!root.isConnected) continue;
          if (!(example in all)) {
            console.error(`cs-stepper: no example "${example}" in ${DATA_URL}`);
            continue;
          }
          build(root, example, all);
          root.dataset.csReady = "true";
        }
      },
      (err) => {
        console.error("cs-stepper: could not load the numbers:", err);
        for (const root of roots) delete root.dataset.csReady;
      },
    );
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(() => init());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
