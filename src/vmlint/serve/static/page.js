// The drafting page: a thin client over vmlint serve's JSON API. No build step, no dependencies.
// Text from drafts and reports only ever reaches the page through textContent, never as markup.
(function () {
  "use strict";
  var ICONS = { error: "\u2716", warning: "\u25b2", info: "\u2139" };
  var RANK = { info: 0, warning: 1, error: 2 };
  var BASE_WPM = 150; // taken as the words a minute of a speech voice at rate 1
  var DEBOUNCE_MS = 300;
  var $ = function (id) { return document.getElementById(id); };
  var token = document.querySelector('meta[name="vmlint-token"]').content;
  var draft = $("draft");
  var state = { info: null, rules: {}, file: null, sha: null, saved: "", eol: "\n", doc: null, findings: [], seq: 0, shown: 0, timer: null };

  function api(method, url, body) {
    var opts = { method: method, headers: {} };
    if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    if (method === "PUT") { opts.headers["X-Vmlint-Token"] = token; }
    return fetch(url, opts).then(function (res) {
      return res.json().catch(function () { return { error: "HTTP " + res.status }; }).then(function (data) {
        if (!res.ok) { var e = new Error(data.error || "HTTP " + res.status); e.status = res.status; throw e; }
        return data;
      });
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function say(text, kind) {
    var s = $("status");
    s.textContent = text;
    s.className = kind || "";
    s.setAttribute("role", kind === "error" ? "alert" : "status");
  }

  // --- reading a report document (the JSON report's schema) -------------------------------
  function holderOf(entry) {
    if (Array.isArray(entry.messages)) { return entry; }
    for (var k in entry) {
      if (entry[k] && typeof entry[k] === "object" && Array.isArray(entry[k].messages)) { return entry[k]; }
    }
    return null;
  }

  // Every finding in the order the server counts them (messages' findings, then cross-message ones).
  function findingsOf(entry) {
    var holder = holderOf(entry);
    if (!holder) { return entry.findings.slice(); }
    var out = [];
    holder.messages.forEach(function (m) { out = out.concat(m.report.findings); });
    return out.concat(holder.findings || []);
  }

  function worst(list) {
    return list.reduce(function (w, f) { return RANK[f.severity] > RANK[w] ? f.severity : w; }, "info");
  }

  function band(score) { return score >= 90 ? "good" : score >= 60 ? "ok" : "bad"; }

  // vmlint counts characters (code points); JavaScript strings count UTF-16 units.
  function unitIndex(text) {
    if (!/[\ud800-\udfff]/.test(text)) { return function (i) { return Math.min(Math.max(i, 0), text.length); }; }
    var map = [0], units = 0;
    for (var ch of text) { units += ch.length; map.push(units); }
    return function (i) { return map[Math.min(Math.max(i, 0), map.length - 1)]; };
  }

  // --- marks ------------------------------------------------------------------------------
  function drawMarks(text, findings) {
    var bd = $("backdrop");
    bd.textContent = "";
    var at = unitIndex(text);
    var spans = findings.map(function (f) { return [at(f.start), at(f.end)]; });
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s[0], s[1]); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var k = 0; k + 1 < cuts.length; k++) {
      var a = cuts[k], b = cuts[k + 1], covering = [];
      spans.forEach(function (s, i) { if (s[0] <= a && s[1] >= b && s[1] > s[0]) { covering.push(i); } });
      var piece = text.slice(a, b);
      if (covering.length) {
        var mark = el("mark", "sev-" + worst(covering.map(function (i) { return findings[i]; })), piece);
        mark.dataset.findings = covering.join(" ");
        bd.appendChild(mark);
      } else {
        bd.appendChild(document.createTextNode(piece));
      }
    }
    bd.appendChild(document.createTextNode("\n\u200b")); // a trailing line break still gets its line
    fit();
  }

  function fit() {
    draft.style.height = "auto";
    draft.style.height = draft.scrollHeight + 2 + "px";
  }

  // --- the report -------------------------------------------------------------------------
  function show(doc) {
    state.doc = doc;
    var entry = doc.files[0];
    if (!entry) { say(doc.errors.length ? doc.errors[0].message : "nothing to lint", "error"); return; }
    var holder = holderOf(entry);
    state.findings = findingsOf(entry);
    var score = holder ? holder.score : entry.score;
    var scoreEl = $("score");
    scoreEl.textContent = score + "/100";
    scoreEl.className = "band-" + band(score);
    var words, seconds, step;
    if (holder) {
      words = holder.messages.map(function (m) { return m.report.facts.words; });
      seconds = holder.messages.map(function (m) { return m.report.facts.spoken_seconds; });
      step = "sequence (" + holder.messages.map(function (m) { return m.step; }).join(", ") + ")";
    } else {
      words = [entry.facts.words];
      seconds = [entry.facts.spoken_seconds];
      step = entry.step;
    }
    $("words").textContent = words.join(" + ");
    $("seconds").textContent = seconds.join(" + ");
    $("words-item").classList.toggle("over", words.some(function (w) { return w > state.info.max_words; }));
    $("seconds-item").classList.toggle("over", seconds.some(function (s) { return s > state.info.max_seconds; }));
    $("resolved-step").textContent = step;
    drawTimeline(holder);
    drawFindings();
    drawMarks(draft.value, state.findings);
  }

  function drawTimeline(holder) {
    var box = $("timeline"), rows = $("timeline-rows");
    rows.textContent = "";
    box.hidden = !holder;
    if (!holder) { return; }
    holder.messages.forEach(function (m, i) {
      var c = m.report.facts.commitments;
      var made = c.filter(function (x) { return x.specific; })[0] || c[0];
      var tr = el("tr");
      var kept = m.promise_kept === null || m.promise_kept === undefined ? "\u2014" : m.promise_kept ? "\u2714 kept" : "\u2716 not kept";
      [m.number || i + 1, m.line, m.step, m.day || "\u2014", made ? made.text : "none", kept, m.report.score,
        m.report.facts.words, m.report.facts.spoken_seconds].forEach(function (v, j) {
        var td = el("td", j === 5 && m.promise_kept !== null && m.promise_kept !== undefined ? (m.promise_kept ? "kept-yes" : "kept-no") : "", v);
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
  }

  // One finding as a list item; ``actions`` adds its buttons.
  function findingItem(f, i, where, actions) {
    var li = el("li", "finding sev-" + f.severity);
    li.dataset.index = i;
    li.dataset.rule = f.rule;
    var head = el("div", "head");
    var icon = el("span", "icon", ICONS[f.severity]);
    icon.setAttribute("aria-hidden", "true");
    head.appendChild(icon);
    head.appendChild(el("span", "sev", f.severity));
    head.appendChild(el("span", "rule", f.code + " " + f.rule));
    head.appendChild(el("span", "where", (where ? where + ", " : "") + "line " + f.line + ", column " + f.column +
      (f.message_number ? " \u00b7 message " + f.message_number : "") + " \u00b7 \u2212" + f.penalty));
    li.appendChild(head);
    li.appendChild(el("p", "msg", f.message));
    var rule = state.rules[f.rule];
    if (rule) { li.appendChild(el("p", "why", "Why: " + rule.why)); }
    var box = el("div", "actions");
    actions(box);
    li.appendChild(box);
    return li;
  }

  function button(cls, text, onClick) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function drawFindings() {
    var list = $("findings");
    list.textContent = "";
    var order = state.findings.map(function (f, i) { return i; });
    order.sort(function (a, b) { return state.findings[a].start - state.findings[b].start || a - b; });
    $("count").textContent = "(" + state.findings.length + ")";
    if (!state.findings.length) {
      list.appendChild(draft.value.trim() ? el("li", "clean", "\u2714 No findings.") : el("li", "meta", "Type or paste a draft to lint it."));
      return;
    }
    order.forEach(function (i) {
      var f = state.findings[i];
      list.appendChild(findingItem(f, i, "", function (box) {
        box.appendChild(button("goto", "Show in draft", function () { select(f); }));
        if (f.fix) {
          box.appendChild(button("fix", (f.fix.safe ? "Fix: " : "Fix (unsafe, check it reads well): ") + f.fix.message,
            function () { fix(i); }));
        }
      }));
    });
  }

  // --- a sub-folder checked as one sequence (as vmlint --sequence FOLDER) ----------------------
  function checkSequence(folder) {
    return api("GET", "/api/sequence?folder=" + encodeURIComponent(folder)).then(function (doc) {
      var entry = doc.files[0], holder = holderOf(entry);
      $("sequence").hidden = false;
      $("sequence-h").textContent = "Sequence: " + entry.path + "/ \u00b7 score " + holder.score + "/100";
      var rows = $("sequence-rows");
      rows.textContent = "";
      holder.messages.forEach(function (m) {
        var c = m.report.facts.commitments;
        var made = c.filter(function (x) { return x.specific; })[0] || c[0];
        var kept = m.promise_kept === null || m.promise_kept === undefined ? "\u2014" : m.promise_kept ? "\u2714 kept" : "\u2716 not kept";
        var tr = el("tr");
        [m.number, m.path, m.step, m.day || "\u2014", made ? made.text : "none", kept, m.report.score].forEach(function (v) {
          tr.appendChild(el("td", "", v));
        });
        rows.appendChild(tr);
      });
      var list = $("sequence-findings");
      list.textContent = "";
      var all = findingsOf(entry);
      if (!all.length) { list.appendChild(el("li", "clean", "\u2714 No findings.")); }
      all.forEach(function (f, i) {
        var m = holder.messages.filter(function (x) { return x.number === f.message_number; })[0] ||
          holder.messages.filter(function (x) { return x.report.findings.indexOf(f) >= 0; })[0];
        list.appendChild(findingItem(f, i, m.path, function (box) {
          box.appendChild(button("open", "Open " + m.path, function () {
            var opened = open(m.path);
            if (opened) { opened.then(function () { if (state.file === m.path) { select(f); } }); }
          }));
        }));
      });
      $("sequence").scrollIntoView();
    }, function (e) { say(e.message, "error"); });
  }

  function select(f) {
    var at = unitIndex(draft.value);
    draft.focus();
    draft.setSelectionRange(at(f.start), at(f.end));
  }

  // --- linting as you type ----------------------------------------------------------------
  function request() {
    return { text: draft.value, step: $("step").value, path: state.file };
  }

  function lint() {
    var mine = ++state.seq;
    return api("POST", "/api/lint", request()).then(function (doc) {
      if (mine < state.shown) { return; } // an older answer arriving late
      state.shown = mine;
      show(doc);
      if (mine === state.seq) { document.body.dataset.pending = "false"; } // the marks are the text's
      if ($("status").className === "error") { say(""); }
    }, function (e) { say(e.message, "error"); });
  }

  function changed() {
    drawMarks(draft.value, []); // stale marks would sit on the wrong words until the new ones come
    document.body.dataset.pending = "true";
    dirty();
    clearTimeout(state.timer);
    state.timer = setTimeout(lint, DEBOUNCE_MS);
  }

  function dirty() {
    var isDirty = state.file !== null && draft.value !== state.saved;
    var save = $("save");
    save.disabled = !isDirty;
    save.textContent = isDirty ? "Save" : "Saved";
    $("file-name").textContent = state.file ? state.file + (isDirty ? " (unsaved changes)" : "") : "";
  }

  // Replace the whole text as an edit, so the browser's undo brings the old one back.
  function replaceText(text) {
    draft.focus();
    draft.select();
    if (!document.execCommand || !document.execCommand("insertText", false, text) || draft.value !== text) {
      draft.value = text;
    }
    draft.setSelectionRange(0, 0);
  }

  function fix(index) {
    var body = request();
    if (index !== undefined) { body.finding = index; }
    clearTimeout(state.timer);
    return api("POST", "/api/fix", body).then(function (res) {
      if (!res.applied) { say("Nothing to fix safely."); return; }
      replaceText(res.text);
      clearTimeout(state.timer);
      state.shown = ++state.seq;
      show(res.report);
      document.body.dataset.pending = "false";
      dirty();
      say("Applied " + res.applied + " fix" + (res.applied === 1 ? "" : "es") + (state.file && state.info.writable ? "; save to keep it." : "."), "ok");
    }, function (e) { say(e.message, "error"); lint(); });
  }

  // --- files ------------------------------------------------------------------------------
  function encodePath(p) { return p.split("/").map(encodeURIComponent).join("/"); }

  function loadFiles() {
    return api("GET", "/api/files").then(function (res) {
      if (res.folder === null) { return; }
      $("files").hidden = false;
      $("folder").textContent = res.folder + (state.info.writable ? "" : " (read-only)");
      var ul = $("file-list");
      ul.textContent = "";
      if (!res.files.length) { ul.appendChild(el("li", "meta", "no .txt or .md drafts here")); }
      var perFolder = {};
      res.files.forEach(function (f) {
        var li = el("li"), b = button("file", f.path, function () { open(f.path); });
        b.dataset.path = f.path;
        if (f.kind === "sequence") { b.appendChild(el("span", "kind", "sequence")); }
        li.appendChild(b);
        ul.appendChild(li);
        var i = f.path.lastIndexOf("/");
        if (i > 0) { // a folder of single drafts can be one sequence; one holding sequence files is not
          var k = f.path.slice(0, i);
          perFolder[k] = f.kind === "sequence" || perFolder[k] === -Infinity ? -Infinity : (perFolder[k] || 0) + 1;
        }
      });
      Object.keys(perFolder).sort().forEach(function (folder) {
        if (perFolder[folder] < 2) { return; }
        var li = el("li"), b = button("check-sequence", "Check " + folder + "/ as a sequence", function () { checkSequence(folder); });
        b.dataset.folder = folder;
        li.appendChild(b);
        ul.appendChild(li);
      });
    });
  }

  function open(path) {
    if (draft.value !== state.saved && !window.confirm(state.file !== null
        ? "Leave " + state.file + " without saving your changes?"
        : "Open " + path + " in place of the draft you typed? The typed draft is not saved anywhere.")) { return; }
    return api("GET", "/api/files/" + encodePath(path)).then(function (res) {
      state.file = res.path;
      state.sha = res.sha256;
      var kinds = { "\r\n": 0, "\r": 0, "\n": 0 };
      (res.text.match(/\r\n|\r|\n/g) || []).forEach(function (b) { kinds[b] += 1; });
      state.eol = kinds["\r\n"] ? "\r\n" : kinds["\r"] ? "\r" : "\n";
      var mixed = (kinds["\r\n"] > 0) + (kinds["\r"] > 0) + (kinds["\n"] > 0) > 1;
      draft.value = res.text; // a textarea shows every line break as \n; saving puts the file's back
      state.saved = draft.value;
      document.querySelectorAll("#file-list button").forEach(function (b) {
        b.setAttribute("aria-current", b.dataset.path === path ? "true" : "false");
      });
      $("save").hidden = !state.info.writable;
      state.shown = ++state.seq;
      dirty();
      say("Opened " + res.path + (state.info.writable ? "" : " (read-only)") + "." + (mixed && state.info.writable
        ? " It mixes line endings: saving writes every one as " + (state.eol === "\r\n" ? "CRLF" : "CR") + "." : ""));
      if (res.text === draft.value) { // the report's offsets are the text's as the page holds it
        show(res.report);
        document.body.dataset.pending = "false";
      } else {
        lint();
      }
    }, function (e) { say(e.message, "error"); });
  }

  function save() {
    if (state.file === null || !state.info.writable) { return; }
    var text = state.eol === "\n" ? draft.value : draft.value.replace(/\n/g, state.eol);
    var sent = draft.value;
    return api("PUT", "/api/files/" + encodePath(state.file), { text: text, sha256: state.sha }).then(function (res) {
      state.sha = res.sha256;
      state.saved = sent;
      dirty();
      say("Saved " + res.path + ".", "ok");
    }, function (e) { say(e.message, "error"); });
  }

  // --- listen -----------------------------------------------------------------------------
  function listen() {
    var btn = $("listen");
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) { say("This browser cannot read aloud.", "error"); return; }
    if (speechSynthesis.speaking || speechSynthesis.pending) { speechSynthesis.cancel(); return; }
    return api("POST", "/api/spoken", { text: draft.value }).then(function (res) {
      if (!res.spoken.trim()) { say("Nothing to read aloud."); return; }
      var u = new SpeechSynthesisUtterance(res.spoken);
      u.lang = "en-US";
      u.rate = Math.min(10, Math.max(0.1, state.info.words_per_minute / BASE_WPM));
      var started = null;
      var done = function () { btn.textContent = "\u25b6 Listen"; btn.setAttribute("aria-pressed", "false"); };
      u.onstart = function () {
        started = performance.now();
        btn.textContent = "\u25a0 Stop";
        btn.setAttribute("aria-pressed", "true");
      };
      u.onend = function () {
        done();
        if (started === null) { return; }
        var took = ((performance.now() - started) / 1000).toFixed(1);
        $("listen-seconds").textContent = took + " (vmlint estimates " + $("seconds").textContent + ")";
        $("listened").hidden = false;
      };
      u.onerror = function (ev) { done(); if (ev.error !== "canceled" && ev.error !== "interrupted") { say("Could not read aloud: " + ev.error, "error"); } };
      speechSynthesis.speak(u);
    }, function (e) { say(e.message, "error"); });
  }

  // --- start ------------------------------------------------------------------------------
  draft.addEventListener("input", changed);
  draft.addEventListener("scroll", function () { $("backdrop").scrollTop = draft.scrollTop; });
  window.addEventListener("resize", fit);
  $("step").addEventListener("change", lint);
  $("fix-all").addEventListener("click", function () { fix(); });
  $("save").addEventListener("click", save);
  $("listen").addEventListener("click", listen);
  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); save(); }
  });
  window.addEventListener("beforeunload", function (e) {
    if (draft.value !== state.saved) { e.preventDefault(); e.returnValue = ""; }
  });

  Promise.all([api("GET", "/api/info"), api("GET", "/api/rules")]).then(function (r) {
    state.info = r[0];
    r[1].forEach(function (rule) { state.rules[rule.name] = rule; });
    $("max-words").textContent = state.info.max_words;
    $("max-seconds").textContent = state.info.max_seconds;
    say(state.info.folder ? "Pick a draft, or paste one." : "Paste or type a draft; nothing is saved.");
    drawFindings();
    return loadFiles();
  }).then(function () { document.body.dataset.ready = "true"; }, function (e) { say(e.message, "error"); });
})();
