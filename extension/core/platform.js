// A platform is a short file of facts (extension/platforms/): which editables on the site are
// post composers, and, relative to one composer, who is posting, what is attached, which
// button posts it and which key posts it. Reading and writing text belong to the editor kinds.
(() => {
  const Clearpost = globalThis.Clearpost;
  const DEFAULTS = {
    composer: () => null, // the composer's facts ({ name }) or null: not a composer this file knows
    ignore: () => false, // editables that are never posts (search boxes), so not checked generically
    author: () => null, // "@handle", a display name or a Page name; null when it cannot be read
    attachments: () => [], // ["image" | "video", ...]
    postButton: () => null,
    isPostKey: () => false, // a keydown that posts the draft
  };
  const REQUIRED = ["platform", "name"];

  Clearpost.definePlatform = (spec) => {
    for (const key of REQUIRED) if (!spec[key]) throw new Error(`platform facts lack ${key}`);
    Clearpost.platform = { ...DEFAULTS, ...spec };
  };

  // Ctrl+Enter (Cmd+Enter on a Mac) posts on X and LinkedIn.
  Clearpost.isModEnter = (event) => event.key === "Enter" && (event.ctrlKey || event.metaKey);

  // Attachment kinds from media elements.
  Clearpost.mediaKinds = (nodes) => [...nodes].map((n) => (n.tagName === "VIDEO" ? "video" : "image"));
})();
