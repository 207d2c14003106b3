// Instagram (www.instagram.com): the caption and comment boxes are Lexical editors.
globalThis.Clearpost.defineAdapter({
  platform: "instagram",
  findComposers: (doc) => doc.querySelectorAll('[data-lexical-editor="true"][contenteditable="true"]'),
  accountHandle: () => {
    const h = document.querySelector(".caption-composer__handle");
    return h ? h.textContent.trim() : null;
  },
  attachments: () => [...document.querySelectorAll(".caption-composer__media img, .caption-composer__media video")]
    .map((n) => (n.tagName === "VIDEO" ? "video" : "image")),
  postButton: () => document.querySelector(".caption-composer__share"),
});
