// X (x.com): the composer is a Draft.js editor; post, reply and thread boxes all carry
// data-testid="tweetTextarea_N". The account switcher shows the handle being posted as.
globalThis.Clearpost.defineAdapter({
  platform: "x",
  findComposers: (doc) => doc.querySelectorAll('[data-testid^="tweetTextarea_"][contenteditable="true"]'),
  accountHandle: () => {
    const s = document.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]');
    const m = s && s.textContent.match(/@\w{1,15}/);
    return m ? m[0] : null;
  },
  attachments: () => [...document.querySelectorAll('[data-testid="attachments"] img, [data-testid="attachments"] video')]
    .map((n) => (n.tagName === "VIDEO" ? "video" : "image")),
  postButton: () => document.querySelector('[data-testid="tweetButtonInline"], [data-testid="tweetButton"]'),
});
