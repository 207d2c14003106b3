// LinkedIn (www.linkedin.com): the share box and comment boxes are Quill editors (.ql-editor).
globalThis.Clearpost.defineAdapter({
  platform: "linkedin",
  findComposers: (doc) => doc.querySelectorAll('.ql-editor[contenteditable="true"]'),
  accountHandle: () => {
    const actor = document.querySelector(".share-box__actor-name[data-handle]");
    return actor ? actor.getAttribute("data-handle") : null;
  },
  attachments: () => [...document.querySelectorAll(".share-box__attachments img, .share-box__attachments video")]
    .map((n) => (n.tagName === "VIDEO" ? "video" : "image")),
  postButton: () => document.querySelector(".share-actions__primary-action"),
});
