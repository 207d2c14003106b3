// The panel beside one composer: the findings with their clause, the account being posted as,
// the disclaimer fix, the step-in at posting, and what Clearpost could not tell. It lives in
// its own shadow root, outside the editor's DOM. Modal dialogs make everything outside them
// inert (a native <dialog>) or trap focus and clicks (X's #layers, LinkedIn's artdeco modal),
// and clip what overflows them, so the panel's host is mounted inside the composer's dialog
// when it has one, and shown as a manual popover: in the top layer, above and unclipped by the
// dialog, yet still inside it. It is placed beside the composer by its rectangle and follows
// it as the page or the dialog scrolls and resizes.
(() => {
  const Clearpost = globalThis.Clearpost;
  const { el } = Clearpost.dom;
  const WIDTH = 340;
  const GAP = 12;
  const MIN_HEIGHT = 120;
  const LABELS = {
    "personal-data": "Personal data", toxicity: "Abusive or demeaning", profanity: "Swearing",
    confidential: "Confidential", credentials: "Password or key", disclaimer: "Disclaimer",
    opinion: "Personal opinion", political: "Party politics", commercial: "Selling", media: "Media",
  };

  const CSS = `
    :host { all: initial; }
    .panel { position: fixed; z-index: 2147483647; width: ${WIDTH}px; box-sizing: border-box; font: 13px/1.4 system-ui, sans-serif; color: #1b1b1b;
             background: #fff; border: 1px solid #c9c9c9; border-radius: 10px; box-shadow: 0 4px 16px rgba(0,0,0,.12); padding: 10px 12px;
             max-height: 70vh; overflow: auto; text-align: left; }
    .head { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-bottom: 6px; font-weight: 600; }
    .badge { font-weight: 500; font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #eef; }
    .badge[data-clearpost-account="official"] { background: #fde8c8; }
    .finding { border-left: 4px solid #999; padding: 4px 8px; margin: 6px 0; background: #fafafa; }
    .finding[data-clearpost-severity="block"] { border-color: #c62828; }
    .finding[data-clearpost-severity="warn"] { border-color: #ef8f00; }
    .finding[data-clearpost-severity="info"] { border-color: #607d8b; }
    .cat { font-weight: 600; } .clause { color: #555; font-size: 12px; }
    .ok { color: #2e7d32; } .offline { color: #8a4b00; } .unknown { color: #555; font-size: 12px; margin: 4px 0; }
    .mark { position: fixed; height: 3px; pointer-events: none; z-index: 2147483646; background: #ef8f00; opacity: .8; }
    .mark.block { background: #c62828; }
    .ask { margin: 6px 0; padding: 8px; background: #eef4ff; border-radius: 6px; }
    .stepin { margin-top: 8px; padding: 8px; background: #fff4e5; border-radius: 6px; }
    .refused { margin: 6px 0; padding: 6px 8px; background: #fdecea; border-left: 4px solid #c62828; border-radius: 4px; font-size: 12px; }
    .pack { margin-top: 6px; padding-top: 4px; border-top: 1px solid #eee; color: #555; font-size: 11px; }
    button { font: inherit; margin-top: 6px; padding: 4px 10px; border-radius: 6px; border: 1px solid #888; background: #f4f4f4; cursor: pointer; }
  `;

  // A panel button that never takes focus from the composer (its mousedown would move the
  // caret, and a dialog's focus trap would pull focus back).
  function button(action, label, onClick) {
    const b = el("button", { type: "button", "data-clearpost-action": action }, label);
    b.addEventListener("mousedown", (e) => e.preventDefault());
    b.addEventListener("click", (e) => {
      e.stopPropagation(); // the page's own outside-click handlers have no business with it
      onClick();
    });
    return b;
  }

  class Panel {
    constructor(composer) {
      this.composer = composer; // { editable, editor, label }
      this.host = el("div", { "data-clearpost-host": "", "data-clearpost-composer": composer.label });
      this.host.setAttribute("popover", "manual");
      // Undo the popover's own box: the host is a zero-size anchor; the panel inside is fixed.
      this.host.style.cssText = "inset: auto; margin: 0; padding: 0; border: 0; background: transparent; width: 0; height: 0; overflow: visible;";
      this.root = this.host.attachShadow({ mode: "open" });
      this.root.append(el("style", {}, CSS));
      this.box = el("div", { class: "panel", "data-clearpost": "panel", "data-clearpost-composer": composer.label });
      this.root.append(this.box);
      this.findings = [];
      this.mount();
      this.follow = () => this.place();
      // Scroll events do not cross shadow roots, so listen in the composer's own tree too.
      this.scrollRoots = [window, composer.editable.getRootNode()].filter((r, i, all) => all.indexOf(r) === i && r !== document);
      for (const r of this.scrollRoots) r.addEventListener("scroll", this.follow, { capture: true, passive: true });
      window.addEventListener("resize", this.follow, { passive: true });
      this.resizes = new ResizeObserver(this.follow);
      this.resizes.observe(composer.editable);
      this.place();
    }

    // Into the composer's dialog, or the body. Again whenever the page's own rendering
    // removed the host.
    mount() {
      const dialog = Clearpost.dom.closestComposed(this.composer.editable, 'dialog, [role="dialog"], [aria-modal="true"]');
      (dialog || document.body).append(this.host);
      this.host.showPopover();
    }

    destroy() {
      for (const r of this.scrollRoots) r.removeEventListener("scroll", this.follow, { capture: true });
      window.removeEventListener("resize", this.follow);
      this.resizes.disconnect();
      this.host.remove();
    }

    // Beside the composer: to its right, else its left, else below or above it, else over its
    // right-hand side; always wholly in the viewport. `position: fixed` is relative to the
    // viewport unless an ancestor with a transform makes itself the containing block; the
    // measured offset corrects for that, and is applied to the marks too.
    place() {
      // A closed dialog or a hidden box takes its panel with it.
      const shown = this.composer.editable.getClientRects().length > 0;
      this.box.style.display = shown ? "" : "none";
      if (!shown) {
        for (const old of this.root.querySelectorAll("[data-clearpost-mark]")) old.remove();
        return;
      }
      const r = this.footprint();
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      this.box.style.left = "0px";
      this.box.style.top = "0px";
      this.box.style.maxHeight = "";
      const origin = this.box.getBoundingClientRect();
      this.offset = { x: origin.left, y: origin.top };
      let h = origin.height;
      const clampTop = (top) => Math.max(8, Math.min(top, vh - h - 8));
      const below = vh - 8 - (r.bottom + GAP);
      const above = r.top - GAP - 8;
      let left;
      let top;
      if (r.right + GAP + WIDTH <= vw - 8) [left, top] = [r.right + GAP, clampTop(r.top)];
      else if (r.left - GAP - WIDTH >= 8) [left, top] = [r.left - GAP - WIDTH, clampTop(r.top)];
      else {
        left = Math.min(Math.max(8, r.left), vw - WIDTH - 8);
        if (h <= below) top = r.bottom + GAP;
        else if (h <= above) top = r.top - GAP - h;
        else if (Math.max(above, below) >= MIN_HEIGHT) {
          // Shrunk to the roomier side and scrolled, rather than laid over the text or the post button.
          h = Math.max(above, below);
          this.box.style.maxHeight = `${h}px`;
          top = below >= above ? r.bottom + GAP : r.top - GAP - h;
        } else [left, top] = [vw - WIDTH - 8, clampTop(r.top)]; // a tiny window: over the composer's right side
      }
      this.box.style.left = `${left - this.offset.x}px`;
      this.box.style.top = `${top - this.offset.y}px`;
      this.mark(this.findings);
    }

    // The composer's box and its own post button, which the panel must never cover (Instagram's
    // comment "Post" sits just right of its textarea).
    footprint() {
      const r = this.composer.editable.getBoundingClientRect();
      const button = this.composer.postButton();
      const b = button && button.getBoundingClientRect();
      const near = b && b.width > 0 && Math.abs(b.top - r.top) < r.height + 200 && Math.abs(b.left - r.left) < r.width + 200;
      if (!near) return r;
      const left = Math.min(r.left, b.left);
      const top = Math.min(r.top, b.top);
      return new DOMRect(left, top, Math.max(r.right, b.right) - left, Math.max(r.bottom, b.bottom) - top);
    }

    // Marks the offending spans with bars drawn over the composer, in this shadow root.
    mark(findings) {
      this.findings = findings;
      for (const old of this.root.querySelectorAll("[data-clearpost-mark]")) old.remove();
      if (!findings.length) return;
      const model = this.composer.editor.read(this.composer.editable);
      const units = utf16Offsets(model.text);
      const box = this.composer.editable.getBoundingClientRect();
      for (const f of findings) {
        if (f.start === null || f.end === null || f.severity === "info" || f.end > units.length - 1) continue;
        for (const r of model.rects(units[f.start], units[f.end])) {
          if (r.width === 0 || r.bottom < box.top || r.top > box.bottom) continue;
          const bar = el("div", { class: `mark ${f.severity}`, "data-clearpost-mark": f.category });
          Object.assign(bar.style, { left: `${r.left - this.offset.x}px`, top: `${r.bottom - 3 - this.offset.y}px`, width: `${r.width}px` });
          this.root.append(bar);
        }
      }
    }

    render(state, actions) {
      if (!this.host.isConnected) this.mount();
      this.box.replaceChildren();
      const head = el("div", { class: "head" }, "Clearpost");
      if (state.account) {
        const who = state.author ? `Posting as ${state.author}: ${state.account}` : `Account: ${state.account}`;
        head.append(el("span", { class: "badge", "data-clearpost-account": state.account }, who));
      }
      this.box.append(head);
      // First, so that it is in view even when the panel is short of room.
      if (state.stepIn) {
        const box = el("div", { class: "stepin", "data-clearpost": "step-in" }, "This post still breaks your organisation's policy. Post it anyway?");
        box.append(el("br"), button("edit", "Edit", actions.edit), el("span", {}, " "), button("post-anyway", "Post anyway", actions.postAnyway));
        this.box.append(box);
      }
      // A refused pack: the user must know that the checks are not the ones the organisation just sent.
      if (state.packRefused) this.box.append(el("div", { class: "refused", "data-clearpost": "pack-refused" }, refusalNotice(state.packRefused, state)));
      for (const note of state.unknown || []) this.box.append(el("div", { class: "unknown", "data-clearpost": "unknown-facts" }, note));
      if (state.ask) this.box.append(this.question(state, actions));
      if (state.offline) {
        this.box.append(el("div", { class: "offline", "data-clearpost": "offline" }, `Checks are offline: ${state.offline}. Your text is untouched.`));
        this.findings = [];
        this.place();
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
      const d = state.disclaimer;
      if (d && d.required && !d.present && d.text) this.box.append(button("insert-disclaimer", "Add disclaimer", () => actions.insertDisclaimer(d.text)));
      const line = state.packKnown ? packLine(state.pack, state.org) : null;
      if (line) this.box.append(el("div", { class: "pack", "data-clearpost": "pack" }, line));
      this.findings = findings;
      this.place();
    }

    question(state, actions) {
      const text = state.author
        ? `Is ${state.author} an official account of ${state.orgName}?`
        : `Clearpost cannot read which account you are posting as here. Is it an official account of ${state.orgName}?`;
      const q = el("div", { class: "ask", "data-clearpost": "account-question" }, text);
      q.append(el("br"), button("account-official", "Yes, official", () => actions.answerAccount("official")),
        el("span", {}, " "), button("account-personal", "No, personal", () => actions.answerAccount("personal")));
      return q;
    }
  }

  // The organisation's own pack that checked this draft, in one line: "QMUL social media policy ·
  // v4 · signed by QMUL Comms · until 2027-06-30". None for a built-in pack (shipped with
  // Clearpost; the findings' clauses name it) or when the draft was checked with another pack
  // than the one the service reports: the panel stays as short as it was.
  function packLine(pack, org) {
    if (!pack || (org && org.id !== pack.id)) return null;
    if (pack.source === "built-in" && !pack.signed) return null;
    const parts = [pack.name];
    if (pack.version !== null && pack.version !== undefined) parts.push(`v${pack.version}`);
    parts.push(pack.signed ? (pack.signer ? `signed by ${pack.signer}` : "signed") : "unsigned");
    if (pack.expires) parts.push(`until ${pack.expires}`);
    return parts.join(" · ");
  }

  function refusalNotice(refused, state) {
    const reason = refused.reason.trim();
    const stop = /[.!?]$/.test(reason) ? "" : ".";
    const kept = refused.kept || packLine(state.pack, state.org) || (state.org && state.org.name) || "the last good pack";
    return `Your organisation's new policy pack was refused: ${reason}${stop} Still checking with ${kept}.`;
  }

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

  Clearpost.Panel = Panel;
})();
