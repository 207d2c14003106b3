// X (x.com). Composers are Draft.js editors with data-testid="tweetTextarea_N" on the desktop
// web (home box, reply box, the compose, reply and quote dialogs in #layers) and a <textarea>
// inside div[data-testid^="tweetTextarea"] in the narrow layout. Several can be on a page at
// once, so attachments and the post button are this composer's own: the nearest ones around it.
(() => {
  const { Clearpost } = globalThis;
  const { dom } = Clearpost;
  const POST_BUTTON = '[data-testid="tweetButtonInline"], [data-testid="tweetButton"]';
  const AVATAR = '[data-testid^="UserAvatar-Container-"]';
  // The account being posted as: the side nav's account switcher (wide layout) or the
  // profile button (narrow layout). Their avatar's testid ends in the handle; other
  // avatars on the page belong to other people's posts.
  const ACCOUNT = ['[data-testid="SideNav_AccountSwitcher_Button"]', '[data-testid="DashButton_ProfileIcon_Link"]'];
  const HANDLE = /^@?(\w{1,15})$/;

  const testidOf = (editable) => dom.closestComposed(editable, '[data-testid^="tweetTextarea_"]');

  Clearpost.definePlatform({
    platform: "x",
    name: "X",
    composer: (editable) => {
      if (!testidOf(editable)) return null;
      const dialog = dom.closestComposed(editable, '[role="dialog"]');
      if (dialog) {
        if (dialog.querySelector('[data-testid="tweet"], article')) return { name: "reply or quote dialog" };
        return { name: "compose dialog" };
      }
      if (editable instanceof HTMLTextAreaElement) return { name: "narrow-layout box" };
      return { name: "home or reply box" };
    },
    author: () => {
      for (const selector of ACCOUNT) {
        const account = document.querySelector(selector);
        if (!account) continue;
        const avatar = account.querySelector(AVATAR);
        const fromTestid = avatar && avatar.getAttribute("data-testid").slice("UserAvatar-Container-".length);
        if (fromTestid && HANDLE.test(fromTestid)) return `@${fromTestid}`;
        const m = account.textContent.match(/@(\w{1,15})\b/);
        if (m) return `@${m[1]}`;
      }
      return null;
    },
    attachments: (editable) => {
      const own = dom.nearestWith(editable, POST_BUTTON); // this composer's box
      return own ? Clearpost.mediaKinds(own.scope.querySelectorAll('[data-testid="attachments"] img, [data-testid="attachments"] video')) : [];
    },
    postButton: (editable) => {
      const near = dom.nearestWith(editable, POST_BUTTON);
      return near ? near.found[0] : null;
    },
    isPostKey: (event) => Clearpost.isModEnter(event),
  });
})();
