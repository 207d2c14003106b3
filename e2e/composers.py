"""The composers on the end-to-end test pages (e2e/fixtures): where each one is, how to open it,
type into it and post from it, and which account it posts as.

Every page also has page-world hooks (not visible to the extension's isolated world), called with
`page.evaluate`: `__fixture.open(id)` (clicks the real opener, resolves once the editor exists),
`__fixture.text(id)` (the text in the editor's own model, blocks joined by one "\\n"; null while
closed), `__fixture.posted(id)` (posts counted: button or keyboard) and `__fixture.ids()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

Platform = Literal["x", "linkedin", "instagram"]
EditorKind = Literal["draft", "quill1", "tiptap", "lexical", "textarea"]
Media = Literal["image", "video"]

LINKEDIN_PAGE = "IntegrateUK"
"""The organisation Page the LinkedIn user administers on every LinkedIn page (`page=`)."""


@dataclass(frozen=True)
class Accounts:
    personal_param: str
    """`as=` for a personal account."""
    official_param: str
    """X and Instagram: `as=` for the official account. LinkedIn: the Page's name, `page=` (the user
    is still `personal_param`; the Page is chosen by `official_url` or `post_as_page`)."""
    personal_reads: str
    """The account the extension should read when posting personally."""
    official_reads: str
    """The account the extension should read when posting officially."""


@dataclass(frozen=True)
class Composer:
    id: str
    """The page's own name, for `__fixture.open/text/posted(id)`. Unique on its page only ("comment"
    is on LinkedIn and on Instagram): `key` is unique across the registry."""
    platform: Platform
    editor: EditorKind
    url: str
    """The page that shows it: https, without a query (see `href`)."""
    editor_selector: str
    """Playwright selector for the editable element; only real attributes; exactly one match on the
    page once the composer is open (it pierces open shadow roots and never matches the decoy)."""
    post_button: str
    """Playwright selector for this composer's own post button (one match once open)."""
    post_shortcut: str | None
    """What `page.keyboard.press` posts with from inside the editor; None: the site has none."""
    accounts: Accounts
    """Who it posts as, personally and officially."""
    variant: tuple[tuple[str, str], ...] = ()
    """Query parameters that select this page variant (e.g. layout=narrow); part of every `href`."""
    official_url: str | None = None
    """When set, the page to open for official posting instead of `url` (LinkedIn's Page admin)."""
    post_as_page: tuple[str, ...] = ()
    """Selectors to click in order, after opening, to post officially (LinkedIn's pickers)."""

    @property
    def key(self) -> str:
        return f"{self.platform}-{self.id}"

    def href(self, *, official: bool = False, media: Media | None = None, lang: str | None = None) -> str:
        """The URL to open: variant, identity, and optionally a starting attachment and language."""
        query = list(self.variant)
        if self.platform == "linkedin":
            query += [("as", self.accounts.personal_param), ("page", self.accounts.official_param)]
        else:
            query.append(("as", self.accounts.official_param if official else self.accounts.personal_param))
        if official and self.platform == "instagram":
            query.append(("pro", "1"))
        if media:
            query.append(("media", media))
        if lang:
            query.append(("lang", lang))
        base = self.official_url if official and self.official_url else self.url
        return f"{base}?{urlencode(query)}"


_X = Accounts(personal_param="jo_smith", official_param="iuk_events", personal_reads="@jo_smith", official_reads="@iuk_events")
_LINKEDIN = Accounts(personal_param="Jo Smith", official_param=LINKEDIN_PAGE, personal_reads="Jo Smith", official_reads=LINKEDIN_PAGE)
_INSTAGRAM = Accounts(personal_param="jo.smith", official_param="integrateuk", personal_reads="jo.smith", official_reads="integrateuk")

_X_DIALOG_EDITOR = '#layers [role="dialog"] [data-testid="tweetTextarea_0"][contenteditable="true"]'
_X_DIALOG_POST = '#layers [role="dialog"] button[data-testid="tweetButton"]'
_LINKEDIN_ADMIN = "https://www.linkedin.com/company/12345678/admin/page-posts/published/"
_IDENTITY_SWITCH = 'button[aria-label="Open menu for switching identity when interacting with this post"]'

COMPOSERS: tuple[Composer, ...] = (
    Composer(
        id="home", editor="draft", url="https://x.com/home",
        editor_selector='[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"][contenteditable="true"]',
        post_button='[data-testid="primaryColumn"] button[data-testid="tweetButtonInline"]',
        post_shortcut="Control+Enter", platform="x", accounts=_X,
    ),
    Composer(
        id="reply", editor="draft", url="https://x.com/home",
        editor_selector=_X_DIALOG_EDITOR, post_button=_X_DIALOG_POST, post_shortcut="Control+Enter", platform="x", accounts=_X,
    ),
    Composer(
        id="quote", editor="draft", url="https://x.com/home",
        editor_selector=_X_DIALOG_EDITOR, post_button=_X_DIALOG_POST, post_shortcut="Control+Enter", platform="x", accounts=_X,
    ),
    Composer(
        id="compose", editor="draft", url="https://x.com/compose/post",
        editor_selector=_X_DIALOG_EDITOR, post_button=_X_DIALOG_POST, post_shortcut="Control+Enter", platform="x", accounts=_X,
    ),
    Composer(
        id="narrow", editor="textarea", url="https://x.com/home", variant=(("layout", "narrow"),),
        editor_selector='[data-testid="tweetTextarea_0"] textarea[aria-label="Post text"]',
        post_button='button[data-testid="tweetButton"]', post_shortcut="Control+Enter", platform="x", accounts=_X,
    ),
    Composer(
        id="share", editor="quill1", url="https://www.linkedin.com/feed/", official_url=_LINKEDIN_ADMIN,
        editor_selector='#interop-outlet [role="dialog"] .ql-editor[aria-label="Text editor for creating content"]',
        post_button="#interop-outlet button.share-actions__primary-action",
        post_shortcut="Control+Enter", platform="linkedin", accounts=_LINKEDIN,
    ),
    Composer(
        id="comment", editor="quill1", url="https://www.linkedin.com/feed/", official_url=_LINKEDIN_ADMIN,
        editor_selector="form.comments-comment-box__form .ql-editor",
        post_button="form.comments-comment-box__form button.comments-comment-box__submit-button--cr",
        post_shortcut="Control+Enter", platform="linkedin", accounts=_LINKEDIN,
    ),
    Composer(
        id="sdui", editor="tiptap", url="https://www.linkedin.com/feed/", variant=(("sdui", "1"),),
        editor_selector='dialog[data-testid="dialog"] [componentkey="ShareBox_textEditor"][contenteditable="true"]',
        post_button='dialog[data-testid="dialog"] button:text-is("Post")',
        post_shortcut="Control+Enter",
        post_as_page=('dialog[data-testid="dialog"] div[role="button"][aria-expanded]',
                      f'[data-testid="lazy-column"] p:text-is("{LINKEDIN_PAGE}")'),
        platform="linkedin", accounts=_LINKEDIN,
    ),
    Composer(
        id="tiptap-comment", editor="tiptap", url="https://www.linkedin.com/feed/", variant=(("sdui", "1"),),
        editor_selector='[data-testid="ui-core-tiptap-text-editor-wrapper"] [contenteditable="true"][aria-label="Text editor for creating comment"]',
        post_button='[componentkey^="commentBox-"] button:text-is("Comment")',
        post_shortcut="Control+Enter",
        post_as_page=(f'[componentkey^="commentBox-"] {_IDENTITY_SWITCH}',),
        platform="linkedin", accounts=_LINKEDIN,
    ),
    Composer(
        id="comment", editor="textarea", url="https://www.instagram.com/",
        editor_selector='textarea[aria-label="Add a comment…"]',
        post_button='form:has(textarea[aria-label="Add a comment…"]) [role="button"]:text-is("Post")',
        post_shortcut="Enter", platform="instagram", accounts=_INSTAGRAM,
    ),
    Composer(
        id="caption", editor="lexical", url="https://www.instagram.com/create/details/",
        editor_selector='[role="dialog"][aria-label="Create new post"] [aria-label="Write a caption..."][contenteditable="true"]',
        post_button='[role="dialog"][aria-label="Create new post"] [role="button"]:text-is("Share")',
        post_shortcut=None, platform="instagram", accounts=_INSTAGRAM,
    ),
)

BY_KEY: dict[str, Composer] = {c.key: c for c in COMPOSERS}
