// One composer being watched: its editable, its editor kind, and what the platform's facts
// say about it (its name, author, attachments and post button, each found relative to this
// composer). It asks the service worker to check the draft after a pause in typing, shows the
// answer in its panel, and steps in once when the user posts a draft that still breaks the
// policy, by the post button or by the keyboard.
//
// Checks at typing speed (issue 15): the pause is 150 ms after the last keystroke, lengthened to
// 1.5 times the median of this composer's last 5 round trips when the service is slow (at most
// 600 ms). Every check carries this composer's id and its revision (`seq`), so the service can
// drop a check that a newer revision has overtaken; only the answer to the latest revision is shown.
(() => {
  const Clearpost = globalThis.Clearpost;
  const DEBOUNCE_MIN_MS = 150;
  const DEBOUNCE_MAX_MS = 600;
  const DEBOUNCE_PER_ROUND_TRIP = 1.5;
  const ROUND_TRIPS = 5; // how many of the latest round trips the pause follows
  const RETRY_MS = 2000;
  // Editors fold edits that come close together into one undo step: Quill 1 those within 1 s of the
  // step's first edit, ProseMirror within 0.5 s of the last, Lexical within its own delay. A
  // disclaimer inserted sooner after the last keystroke would be undone together with the typing.
  const UNDO_STEP_MS = 1000;

  // A random id for one composer's lifetime; crypto.randomUUID needs a secure context, so not on http pages.
  const newId = () => (typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join(""));

  class Composer {
    // facts: the platform's facts, or null when no platform fact claims this editable (a
    // generic composer: checked all the same, with the author and post button unknown).
    constructor({ editable, editor, platform, facts }) {
      this.editable = editable;
      this.editor = editor;
      this.platform = platform;
      this.facts = facts;
      this.label = facts ? facts.name : `unrecognised ${editor.name}`;
      this.panel = null;
      this.timer = null;
      this.id = newId(); // which composer, to the service; never shown, never stored
      this.seq = 0; // the revision: one more for each check asked for
      this.roundTrips = []; // ms, the latest ROUND_TRIPS answers the service gave
      this.lastEdit = -Infinity; // performance.now() of the last input in the editable
      this.inserting = null;
      editable.addEventListener("input", () => { this.lastEdit = performance.now(); }, true);
      this.state = {};
      this.allowPost = false;
      this.answeredType = null; // the user's answer when the author cannot be read: this composer only
    }

    text() {
      return this.editor.read(this.editable).text;
    }

    author() {
      return this.facts ? this.platform.author(this.editable) : null;
    }

    postButton() {
      return this.facts ? this.platform.postButton(this.editable) : null;
    }

    unresolved(findings = this.state.findings || []) {
      return findings.some((f) => f.severity === "warn" || f.severity === "block");
    }

    // What the panel admits it does not know.
    unknownFacts(author) {
      const name = this.platform.name;
      if (!this.facts) return [`Clearpost does not recognise this box on ${name}: it is checked, but who is posting and the post button are unknown.`];
      const notes = [];
      if (!author) notes.push(`Clearpost cannot read which ${name} account is posting.`);
      if (!this.postButton()) notes.push(`Clearpost cannot find this box's post button, so it cannot step in when you post.`);
      return notes;
    }

    // True when Clearpost stepped in: the post is held until the user chooses.
    stepIn(event) {
      if (this.allowPost) {
        this.allowPost = false;
        return false;
      }
      if (!this.unresolved() || this.state.stepIn) return false;
      event.preventDefault();
      event.stopImmediatePropagation();
      this.state = { ...this.state, stepIn: true };
      this.render();
      return true;
    }

    onPostClick(event) {
      const button = this.postButton();
      return Boolean(button && event.composedPath().includes(button) && this.stepIn(event));
    }

    onKeydown(event) {
      if (this.facts && this.platform.isPostKey(event, this.editable)) this.stepIn(event);
    }

    render() {
      if (!this.panel) this.panel = new Clearpost.Panel(this);
      this.panel.render(this.state, {
        insertDisclaimer: (t) => this.insertDisclaimer(t),
        answerAccount: (accountType) => this.answerAccount(accountType),
        edit: () => {
          this.state = { ...this.state, stepIn: false };
          this.render();
          this.editable.focus();
        },
        postAnyway: () => {
          this.state = { ...this.state, stepIn: false };
          this.render();
          this.allowPost = true;
          const button = this.postButton();
          if (button) button.click();
          else this.allowPost = false;
        },
      });
    }

    async answerAccount(accountType) {
      const author = this.state.author;
      if (author) {
        await chrome.runtime.sendMessage({ type: "remember-account", platform: this.platform.platform, handle: author, accountType });
      } else {
        this.answeredType = accountType; // no identity to remember it under
      }
      this.state = { ...this.state, ask: false };
      this.schedule(0);
    }

    // The pause after the last keystroke: 150 ms, or 1.5 x the median recent round trip when the service is slower, up to 600 ms.
    debounce() {
      if (!this.roundTrips.length) return DEBOUNCE_MIN_MS;
      const sorted = [...this.roundTrips].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      return Math.round(Math.min(DEBOUNCE_MAX_MS, Math.max(DEBOUNCE_MIN_MS, DEBOUNCE_PER_ROUND_TRIP * median)));
    }

    schedule(delay = this.debounce()) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.check(), delay);
    }

    dispose() {
      clearTimeout(this.timer);
      clearTimeout(this.inserting);
      if (this.panel) this.panel.destroy();
      this.panel = null;
    }

    async check() {
      if (!this.editable.isConnected) {
        this.dispose();
        return;
      }
      const text = this.text();
      const seq = ++this.seq;
      if (!text.trim()) {
        this.dispose();
        this.state = {};
        return;
      }
      const author = this.author();
      const message = {
        type: "check", text, platform: this.platform.platform, handle: author, attachments: this.facts ? this.platform.attachments(this.editable) : [],
        composer: this.id, revision: seq,
      };
      if (!author && this.answeredType) message.accountType = this.answeredType;
      let answer;
      const sent = performance.now();
      try {
        answer = await chrome.runtime.sendMessage(message);
      } catch (err) {
        answer = { ok: false, offline: true, reason: "the extension was reloaded; reload this page" };
      }
      // How long the service took, whichever revision it answered (an offline answer says nothing of its speed).
      if (answer && (answer.ok || answer.superseded)) this.roundTrips = [...this.roundTrips, performance.now() - sent].slice(-ROUND_TRIPS);
      if (seq !== this.seq) return; // a newer draft is being checked
      if (answer && answer.superseded) return; // the service heard of a newer revision: its answer is the one to show
      const unknown = this.unknownFacts(author);
      if (answer && answer.ok) {
        const r = answer.result;
        const undecided = !answer.accountKnown && r.account.source === "default";
        const ask = author ? undecided : undecided && !this.answeredType;
        this.state = {
          findings: r.findings, account: r.account.type, author, disclaimer: r.disclaimer, ask, orgName: r.org.name, unknown, stepIn: this.state.stepIn && this.unresolved(r.findings),
          org: r.org, pack: r.pack, packRefused: r.pack_refused, packKnown: r.packKnown, // the pack in force, as the service worker passed it on
        };
      } else {
        this.state = { offline: (answer && answer.reason) || "no answer", author, unknown };
        if (answer && answer.offline) this.schedule(RETRY_MS); // recover by itself when the service is back
      }
      this.render();
    }

    insertDisclaimer(text) {
      // Its own step in the editor's undo: wait, if need be, until the editor has closed the typing's step.
      const wait = this.lastEdit + UNDO_STEP_MS - performance.now();
      clearTimeout(this.inserting);
      if (wait > 0) {
        this.inserting = setTimeout(() => this.insertDisclaimer(text), wait);
        return;
      }
      const current = this.text();
      if (current.includes(text)) return;
      const sep = current.length === 0 || /\s$/.test(current) ? "" : " ";
      this.editor.append(this.editable, sep + text);
      this.schedule(0);
    }

    // What the options page lists for this tab.
    describe() {
      return { platform: this.platform.platform, composer: this.label, editor: this.editor.name, author: Boolean(this.author()), postButton: Boolean(this.postButton()) };
    }
  }

  Clearpost.Composer = Composer;
})();
