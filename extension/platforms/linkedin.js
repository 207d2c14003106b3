// LinkedIn (www.linkedin.com). Two editor engines and two DOMs at once:
// - the classic share box: Quill 1 inside the open shadow root of div#interop-outlet, in an
//   artdeco modal with the author button and the Post button (a hidden /preload copy of
//   .ql-editor in the light DOM is never typed in, so discovery by focus never meets it);
// - the new share box: TipTap in a native <dialog>, [componentkey="ShareBox_textEditor"];
// - comment boxes: Quill in form.comments-comment-box__form (classic feed) or TipTap in
//   [componentkey^="commentBox"] (new feed).
// The author is a display name or a Page name, never a handle.
(() => {
  const { Clearpost } = globalThis;
  const { dom } = Clearpost;
  // Localised labels of the buttons that carry only text.
  const POST_WORDS = ["Post", "Posten", "Publicar", "Publier", "Pubblica", "Publicera", "Plaatsen", "Opublikuj", "Publish", "发布", "投稿", "게시"];
  const COMMENT_WORDS = ["Comment", "Kommentieren", "Comentar", "Commenter", "Commenta", "Kommentera", "Reageren", "Skomentuj", "Reply", "评论", "コメント", "댓글"];

  const KINDS = [
    { name: "share box", scope: '[data-test-modal-id="sharebox"] [role="dialog"], .share-box-v2__modal, .share-creation-state' },
    { name: "new share box", scope: '[data-sdui-screen*="ShareCompose"]', editable: '[componentkey="ShareBox_textEditor"]' },
    { name: "comment box", scope: "form.comments-comment-box__form" },
    { name: "new comment box", scope: '[componentkey^="commentBox"]', editable: '[data-testid="ui-core-tiptap-text-editor-wrapper"] *' },
  ];
  const kindOf = (editable) => KINDS.find((k) => (k.editable ? editable.matches(k.editable) : true) && dom.closestComposed(editable, k.scope));
  const scopeOf = (editable) => {
    const kind = kindOf(editable);
    return kind ? dom.closestComposed(editable, kind.scope) : null;
  };
  const dialogOf = (editable) => dom.closestComposed(editable, '[role="dialog"], dialog');

  // The member's own name, as the new feed's share box shows it: for comment boxes without an
  // identity switch, where one is posting as oneself.
  const memberName = () => {
    const me = document.querySelector("#shareboxProfilePictureComponentRef [aria-label], img.global-nav__me-photo[alt]");
    return me ? (me.getAttribute("aria-label") || me.getAttribute("alt") || "").trim() || null : null;
  };

  const AUTHOR = {
    "share box": (editable) => {
      const entry = dialogOf(editable)?.querySelector("#share-to-linkedin-modal__header button, .share-unified-settings-entry-button");
      if (!entry) return null;
      const title = entry.querySelector(".artdeco-entity-lockup__title") || entry.querySelector("img[alt]");
      const name = title ? (title.tagName === "IMG" ? title.alt : dom.textOf(title)) : null;
      return name || null;
    },
    "new share box": (editable) => {
      const author = scopeOf(editable)?.querySelector('[role="button"][aria-expanded] [aria-label]');
      return author ? author.getAttribute("aria-label").trim() || null : null;
    },
    // Comments: the identity switch of this post ("Open menu for switching identity…"),
    // found within a few levels of the box so that another post's switch is never read.
    comment: (editable) => {
      const near = dom.nearestWith(editable, 'button[aria-label*="switching identity"]', { maxDepth: 8 });
      const avatar = near && near.found[0].querySelector("img[alt]");
      if (avatar && avatar.alt.trim()) return avatar.alt.trim();
      return near ? null : memberName();
    },
  };
  AUTHOR["comment box"] = AUTHOR.comment;
  AUTHOR["new comment box"] = AUTHOR.comment;

  Clearpost.definePlatform({
    platform: "linkedin",
    name: "LinkedIn",
    composer: (editable) => {
      const kind = kindOf(editable);
      return kind ? { name: kind.name } : null;
    },
    author: (editable) => {
      const kind = kindOf(editable);
      return kind ? AUTHOR[kind.name](editable) : null;
    },
    attachments: (editable) => {
      const scope = dialogOf(editable) || scopeOf(editable);
      if (!scope) return [];
      return Clearpost.mediaKinds(scope.querySelectorAll(
        ".share-creation-state__preview-container img, .share-creation-state__preview-container video, #ShareBoxpreviewCard img, #ShareBoxpreviewCard video"));
    },
    postButton: (editable) => {
      const kind = kindOf(editable);
      const scope = kind && dom.closestComposed(editable, kind.scope);
      if (!scope) return null;
      switch (kind.name) {
        case "share box":
          return dialogOf(editable)?.querySelector("button.share-actions__primary-action") || null;
        case "comment box":
          return scope.querySelector('button.comments-comment-box__submit-button--cr, button[type="submit"]');
        case "new share box":
          return dom.textButton(scope, POST_WORDS);
        default:
          return dom.textButton(scope, COMMENT_WORDS);
      }
    },
    isPostKey: (event) => Clearpost.isModEnter(event),
  });
})();
