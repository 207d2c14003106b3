// X (x.com): the composer is a Draft.js editor; post, reply and thread boxes all carry
// data-testid="tweetTextarea_N".
globalThis.Clearpost.adapter = {
  platform: "x",
  findComposers: (doc) => doc.querySelectorAll('[data-testid^="tweetTextarea_"][contenteditable="true"]'),
  readText: (composer) => globalThis.Clearpost.readEditable(composer).text,
  appendText: (composer, text) => globalThis.Clearpost.appendViaExecCommand(composer, text),
  accountHandle: () => {
    const s = document.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]');
    const m = s && s.textContent.match(/@\w{1,15}/);
    return m ? m[0] : null;
  },
  attachments: (composer) => {
    const box = document.querySelector('[data-testid="attachments"]');
    if (!box) return [];
    return [...box.querySelectorAll("img, video")].map((n) => (n.tagName === "VIDEO" ? "video" : "image"));
  },
  postButton: () => document.querySelector('[data-testid="tweetButtonInline"], [data-testid="tweetButton"]'),
};
