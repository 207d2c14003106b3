// Clearpost's shared content-script core: watches the platform's composers (through the
// adapter), asks the service worker to check each draft after a pause in typing, and shows
// the findings in a panel beside the composer: outside the editor's DOM, in a shadow root,
// so the editor's own model is never touched except through `adapter.appendText`.
(() => {
  const Clearpost = (globalThis.Clearpost = globalThis.Clearpost || {});
  const DEBOUNCE_MS = 300;
  const RETRY_MS = 2000;
  const LABELS = {
    "personal-data": "Personal data", toxicity: "Abusive or demeaning", profanity: "Swearing",
    confidential: "Confidential", credentials: "Password or key", disclaimer: "Disclaimer",
    opinion: "Personal opinion", political: "Party politics", commercial: "Selling", media: "Media",
  };

  const PANEL_CSS = `
    :host { all: initial; }
    .panel { position: fixed; z-index: 2147483647; width: 340px; font: 13px/1.4 system-ui, sans-serif; color: #1b1b1b;
             background: #fff; border: 1px solid #c9c9c9; border-radius: 10px; box-shadow: 0 4px 16px rgba(0,0,0,.12); padding: 10px 12px; }
    .head { display: flex; justify-content: space-between; align-items: center; margin-bottom: 6px; font-weight: 600; }
    .badge { font-weight: 500; font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #eef; }
    .badge[data-clearpost-account="official"] { background: #fde8c8; }
    .finding { border-left: 4px solid #999; padding: 4px 8px; margin: 6px 0; background: #fafafa; }
    .finding[data-clearpost-severity="block"] { border-color: #c62828; }
    .finding[data-clearpost-severity="warn"] { border-color: #ef8f00; }
    .finding[data-clearpost-severity="info"] { border-color: #607d8b; }
    .cat { font-weight: 600; } .clause { color: #555; font-size: 12px; }
    .ok { color: #2e7d32; } .offline { color: #8a4b00; }
    .mark { position: fixed; height: 3px; pointer-events: none; z-index: 2147483646; background: #ef8f00; opacity: .8; }
    .mark.block { background: #c62828; }
    .ask { margin: 6px 0; padding: 8px; background: #eef4ff; border-radius: 6px; }
    .stepin { margin-top: 8px; padding: 8px; background: #fff4e5; border-radius: 6px; }
    button { font: inherit; margin-top: 6px; padding: 4px 10px; border-radius: 6px; border: 1px solid #888; background: #f4f4f4; cursor: pointer; }
  `;

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  class Panel {
    constructor(composer) {
      this.composer = composer;
      this.host = el("div", { "data-clearpost-host": "" });
      this.root = this.host.attachShadow({ mode: "open" });
      this.root.append(el("style", {}, PANEL_CSS));
      this.box = el("div", { class: "panel", "data-clearpost": "panel" });
      this.root.append(this.box);
      document.body.append(this.host);
      this.findings = [];
      // Keep the panel and the marks on the composer as the page scrolls or resizes.
      const follow = () => { this.place(); this.mark(this.findings); };
      window.addEventListener("scroll", follow, { capture: true, passive: true });
      window.addEventListener("resize", follow, { passive: true });
      this.place();
    }

    place() {
      const r = this.composer.getBoundingClientRect();
      const left = Math.min(r.right + 12, window.innerWidth - 352);
      this.box.style.left = `${Math.max(8, left)}px`;
      this.box.style.top = `${Math.max(8, r.top)}px`;
    }

    // Marks the offending spans with boxes drawn over the composer, in this shadow root: the
    // editor's own DOM is never touched.
    mark(findings) {
      this.findings = findings;
      for (const old of this.root.querySelectorAll("[data-clearpost-mark]")) old.remove();
      const model = Clearpost.readEditable(this.composer);
      const units = utf16Offsets(model.text);
      for (const f of findings) {
        if (f.start === null || f.end === null || f.severity === "info" || f.end > units.length - 1) continue;
        const range = rangeFor(model, units[f.start], units[f.end]);
        if (!range) continue;
        for (const r of range.getClientRects()) {
          const box = el("div", { class: `mark ${f.severity}`, "data-clearpost-mark": f.category });
          Object.assign(box.style, { left: `${r.left}px`, top: `${r.bottom - 3}px`, width: `${r.width}px` });
          this.root.append(box);
        }
      }
    }

    render(state, actions) {
      this.place();
      this.mark(state.offline ? [] : state.findings || []);
      this.box.replaceChildren();
      const head = el("div", { class: "head" }, "Clearpost");
      if (state.account) {
        const who = state.handle ? `Posting as ${state.handle}: ${state.account}` : `Posting as: ${state.account}`;
        head.append(el("span", { class: "badge", "data-clearpost-account": state.account }, who));
      }
      this.box.append(head);
      if (state.ask) {
        const q = el("div", { class: "ask", "data-clearpost": "account-question" }, `Is ${state.handle} an official account of ${state.orgName}?`);
        const yes = el("button", { type: "button", "data-clearpost-action": "account-official" }, "Yes, official");
        const no = el("button", { type: "button", "data-clearpost-action": "account-personal" }, "No, personal");
        for (const b of [yes, no]) b.addEventListener("mousedown", (e) => e.preventDefault());
        yes.addEventListener("click", () => actions.answerAccount("official"));
        no.addEventListener("click", () => actions.answerAccount("personal"));
        q.append(el("br"), yes, el("span", {}, " "), no);
        this.box.append(q);
      }
      if (state.offline) {
        this.box.append(el("div", { class: "offline", "data-clearpost": "offline" }, `Checks are offline: ${state.offline}. Your text is untouched.`));
        return;
      }
      const findings = state.findings || [];
      if (!findings.length) this.box.append(el("div", { class: "ok", "data-clearpost": "clean" }, "No problems found."));
      for (const f of findings) {
        const item = el("div", { class: "finding", "data-clearpost-category": f.category, "data-clearpost-severity": f.severity });
        item.append(el("div", { class: "cat" }, `${LABELS[f.category] || f.category} (${f.severity})`));
        item.append(el("div", { class: "msg" }, f.message));
        item.append(el("div", { class: "clause" }, f.clause));
        this.box.append(item);
      }
      if (state.stepIn) {
        const box = el("div", { class: "stepin", "data-clearpost": "step-in" }, "This post still breaks your organisation's policy. Post it anyway?");
        const edit = el("button", { type: "button", "data-clearpost-action": "edit" }, "Edit");
        const post = el("button", { type: "button", "data-clearpost-action": "post-anyway" }, "Post anyway");
        edit.addEventListener("mousedown", (e) => e.preventDefault());
        edit.addEventListener("click", () => actions.edit());
        post.addEventListener("click", () => actions.postAnyway());
        box.append(el("br"), edit, el("span", {}, " "), post);
        this.box.append(box);
      }
      const d = state.disclaimer;
      if (d && d.required && !d.present && d.text) {
        const button = el("button", { type: "button", "data-clearpost-action": "insert-disclaimer" }, "Add disclaimer");
        // mousedown's default would move focus out of the composer and lose the caret.
        button.addEventListener("mousedown", (e) => e.preventDefault());
        button.addEventListener("click", () => actions.insertDisclaimer(d.text));
        this.box.append(button);
      }
    }
  }

  class ComposerWatch {
    constructor(adapter, composer) {
      this.adapter = adapter;
      this.composer = composer;
      this.panel = null;
      this.timer = null;
      this.seq = 0;
      this.state = {};
      this.allowPost = false;
      composer.addEventListener("input", () => this.schedule());
      composer.addEventListener("focus", () => this.schedule());
      // Capture phase on the document: runs before the platform's own click handler.
      document.addEventListener("click", (e) => this.onClick(e), true);
      if (adapter.readText(composer).trim()) this.schedule();
    }

    unresolved() {
      return (this.state.findings || []).some((f) => f.severity === "warn" || f.severity === "block");
    }

    onClick(event) {
      const button = this.adapter.postButton(this.composer);
      if (!button || !(event.target instanceof Node) || !button.contains(event.target)) return;
      if (this.allowPost || !this.unresolved() || this.state.stepIn) {
        this.allowPost = false;
        return;
      }
      // Step in once: the user chooses to edit or to post anyway.
      event.preventDefault();
      event.stopImmediatePropagation();
      this.state = { ...this.state, stepIn: true };
      this.render();
    }

    render() {
      if (!this.panel) this.panel = new Panel(this.composer);
      this.panel.render(this.state, {
        insertDisclaimer: (t) => this.insertDisclaimer(t),
        answerAccount: async (accountType) => {
          await chrome.runtime.sendMessage({ type: "remember-account", platform: this.adapter.platform, handle: this.state.handle, accountType });
          this.state = { ...this.state, ask: false };
          this.schedule(0);
        },
        edit: () => { this.state = { ...this.state, stepIn: false }; this.render(); this.composer.focus(); },
        postAnyway: () => {
          this.state = { ...this.state, stepIn: false };
          this.render();
          this.allowPost = true;
          const button = this.adapter.postButton(this.composer);
          if (button) button.click();
        },
      });
    }

    schedule(delay = DEBOUNCE_MS) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.check(), delay);
    }

    async check() {
      const text = this.adapter.readText(this.composer);
      const seq = ++this.seq;
      if (!text.trim()) {
        if (this.panel) this.panel.host.remove();
        this.panel = null;
        return;
      }
      const message = {
        type: "check", text, platform: this.adapter.platform,
        handle: this.adapter.accountHandle(this.composer), attachments: this.adapter.attachments(this.composer),
      };
      let answer;
      try {
        answer = await chrome.runtime.sendMessage(message);
      } catch (err) {
        answer = { ok: false, offline: true, reason: "the extension was reloaded; reload this page" };
      }
      if (seq !== this.seq) return; // a newer draft is being checked
      if (answer && answer.ok) {
        const r = answer.result;
        const ask = Boolean(message.handle) && !answer.accountKnown && r.account.source === "default";
        this.state = { findings: r.findings, account: r.account.type, handle: message.handle, disclaimer: r.disclaimer, ask, orgName: r.org.name };
      } else {
        this.state = { offline: (answer && answer.reason) || "no answer", handle: message.handle };
        if (answer && answer.offline) this.schedule(RETRY_MS); // recover by itself when the service is back
      }
      this.render();
    }

    insertDisclaimer(text) {
      const current = this.adapter.readText(this.composer);
      if (current.includes(text)) return;
      const sep = current.length === 0 || /\s$/.test(current) ? "" : " ";
      this.adapter.appendText(this.composer, sep + text);
      this.schedule(0);
    }
  }

  const BLOCKS = new Set(["DIV", "P", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE"]);

  // The composer's text, read from its DOM with one "\n" between blocks (as Draft.js, Quill
  // and Lexical put it in their models), and where each text node starts in it, so that a
  // finding's offsets can be turned back into a DOM range for the overlay.
  Clearpost.readEditable = (editable) => {
    let text = "";
    const nodes = [];
    let pendingBreak = false; // a line (block) ended; its "\n" is written before the next line
    const isEmptyLine = (block) => block.childNodes.length === 1 && block.firstChild.nodeName === "BR";
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          if (!child.nodeValue) continue;
          if (pendingBreak) text += "\n";
          pendingBreak = false;
          nodes.push([child, text.length]);
          text += child.nodeValue;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (BLOCKS.has(child.tagName) && isEmptyLine(child)) {
            if (pendingBreak) text += "\n";
            pendingBreak = true;
            continue;
          }
          if (child.tagName === "BR") {
            text += "\n";
            pendingBreak = false;
            continue;
          }
          walk(child);
          if (BLOCKS.has(child.tagName) && text.length > 0) pendingBreak = true;
        }
      }
    };
    walk(editable);
    return { text, nodes };
  };

  // Findings count characters as Python does (code points); the DOM counts UTF-16 units.
  function utf16Offsets(text) {
    const offsets = [0];
    let units = 0;
    for (const ch of text) {
      units += ch.length;
      offsets.push(units);
    }
    return offsets;
  }

  function rangeFor(model, start, end) {
    const range = document.createRange();
    let startSet = false;
    for (const [node, at] of model.nodes) {
      const len = node.nodeValue.length;
      if (!startSet && start >= at && start <= at + len) {
        range.setStart(node, start - at);
        startSet = true;
      }
      if (startSet && end >= at && end <= at + len) {
        range.setEnd(node, end - at);
        return range;
      }
    }
    return null;
  }

  // Writes through the browser's editing pipeline, so Draft.js, Quill and Lexical update
  // their own models (inserting DOM nodes would desynchronise them and lose characters).
  Clearpost.appendViaExecCommand = (editable, text) => {
    editable.focus();
    const selection = window.getSelection();
    const range = document.createRange();
    range.selectNodeContents(editable);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
    document.execCommand("insertText", false, text);
  };

  // An adapter names what differs per platform: where the composers, the account, the post
  // button and the attachments are. Reading and writing text is the same for every editor.
  Clearpost.defineAdapter = (spec) => {
    Clearpost.adapter = {
      readText: (composer) => Clearpost.readEditable(composer).text,
      appendText: (composer, text) => Clearpost.appendViaExecCommand(composer, text),
      ...spec,
    };
  };

  Clearpost.start = (adapter) => {
    const watched = new WeakSet();
    const scan = () => {
      for (const composer of adapter.findComposers(document)) {
        if (watched.has(composer)) continue;
        watched.add(composer);
        new ComposerWatch(adapter, composer);
      }
    };
    scan();
    new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  };
})();
