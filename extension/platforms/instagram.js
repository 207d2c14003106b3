// Instagram (www.instagram.com). The caption in the "Create new post" dialog is a Lexical
// editor; comments are a plain <textarea> in a form. Classes are hashed and change with every
// build, so the facts rest on roles, aria-labels, localised texts and image alt texts. There
// is no "post as": you post as the logged-in account.
(() => {
  const { Clearpost } = globalThis;
  const { dom } = Clearpost;
  const SHARE_WORDS = ["Share", "Compartilhar", "Compartir", "Teilen", "Partager", "Condividi", "Delen", "Dela", "Udostępnij", "Paylaş", "Поделиться", "分享", "シェア", "공유"];
  const POST_WORDS = ["Post", "Publicar", "Posten", "Publier", "Pubblica", "Plaatsen", "Publicera", "Opublikuj", "Paylaş", "Опубликовать", "发布", "投稿する", "게시"];
  const PICTURE = /^(.+)'s profile picture$/;

  const captionDialog = (editable) => editable.matches('[data-lexical-editor="true"]') && dom.closestComposed(editable, '[role="dialog"]');
  const commentForm = (editable) => editable instanceof HTMLTextAreaElement && editable.closest("form");

  // The logged-in username: from a profile picture outside any post (the dialog's caption
  // panel, or the navigation's profile link). Pictures inside posts (article) are other people's.
  const username = (editable) => {
    const dialog = dom.closestComposed(editable, '[role="dialog"]');
    const scopes = [dialog, document].filter(Boolean);
    for (const scope of scopes) {
      for (const img of scope.querySelectorAll('img[alt$="profile picture"]')) {
        if (img.closest("article")) continue;
        const link = img.closest("a[href]");
        const m = img.alt.match(PICTURE);
        if (m) return m[1];
        // Localised alt text: the profile link's path is the username.
        const path = link && new URL(link.href, location.href).pathname.match(/^\/([\w.]{1,30})\/$/);
        if (path) return path[1];
      }
    }
    return null;
  };

  Clearpost.definePlatform({
    platform: "instagram",
    name: "Instagram",
    composer: (editable) => {
      if (captionDialog(editable)) return { name: "caption" };
      if (commentForm(editable)) return { name: "comment box" };
      return null;
    },
    ignore: (editable) => editable.matches('[aria-label="Search input"], [aria-label="Search"]'),
    author: username,
    attachments: (editable) => {
      const dialog = captionDialog(editable);
      return dialog ? Clearpost.mediaKinds(dialog.querySelectorAll('img[src^="blob:"], video')) : [];
    },
    postButton: (editable) => {
      const dialog = captionDialog(editable);
      if (dialog) return dom.textButton(dialog, SHARE_WORDS, { otherwise: "first" }); // the header's, before the caption panel's
      const form = commentForm(editable);
      return form ? dom.textButton(form, POST_WORDS) : null;
    },
    // Enter posts a comment; in the caption it starts a new line.
    isPostKey: (event, editable) => Boolean(commentForm(editable)) && event.key === "Enter" && !event.shiftKey && !event.isComposing,
  });
})();
