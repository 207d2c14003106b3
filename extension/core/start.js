// Discovery: composers are found from what the user types in, not from one selector. Focus
// and input are heard at the window, and the real target is read from the event's composed
// path, so an editor inside an open shadow root is found too. The editor kind comes from the
// editable itself; the platform's facts say whether it is a known composer. An editable no
// fact claims is checked all the same, as a generic composer whose panel says what is unknown.
(async () => {
  const Clearpost = globalThis.Clearpost;
  const platform = Clearpost.platform;
  const { sites } = await chrome.storage.local.get("sites");
  if ((sites || {})[platform.platform] === false) return; // switched off for this site in the options

  const composers = new Map(); // editable -> Composer

  function report() {
    const list = [...composers.values()].map((c) => c.describe());
    chrome.runtime.sendMessage({ type: "composers", platform: platform.platform, composers: list }).catch(() => {});
  }

  function sweep() {
    for (const [editable, composer] of composers) {
      if (!editable.isConnected) {
        composer.dispose();
        composers.delete(editable);
      }
    }
  }

  function composerFor(path) {
    const editable = Clearpost.editableFrom(path);
    if (!editable) return null;
    const known = composers.get(editable);
    if (known) return known;
    const editor = Clearpost.editorKindOf(editable);
    if (!editor) return null;
    const facts = platform.composer(editable);
    // A one-line field (search, location, a tag) that no fact claims is not a post.
    if (!facts && (editable instanceof HTMLInputElement || platform.ignore(editable))) return null;
    sweep();
    const composer = new Clearpost.Composer({ editable, editor, platform, facts });
    composers.set(editable, composer);
    report();
    return composer;
  }

  const onActivity = (event) => {
    const composer = composerFor(event.composedPath());
    if (composer) composer.schedule();
  };
  // Capture phase on the window: runs before the page's own handlers, so a post can be held.
  window.addEventListener("focusin", onActivity, true);
  window.addEventListener("input", onActivity, true);
  window.addEventListener("click", (event) => {
    for (const composer of composers.values()) if (composer.onPostClick(event)) break;
  }, true);
  window.addEventListener("keydown", (event) => {
    const composer = composers.get(Clearpost.editableFrom(event.composedPath()));
    if (composer) composer.onKeydown(event);
  }, true);

  report(); // a fresh page starts with none: the options page drops what this tab had before

  // The editable already focused when the script arrived (run_at document_idle).
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  if (active) {
    const path = [];
    for (let at = active; at; at = Clearpost.dom.parentComposed(at)) path.push(at);
    onActivity({ composedPath: () => path });
  }
})();
