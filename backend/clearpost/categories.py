"""The categories a check can report, and the signals each category's check emits.

A pack rule names a category and optionally one signal; the signal lets a pack give
different severities to, say, a missing disclaimer ("main") and an indirect reference to
the organisation ("indirect").
"""

CATEGORY_SIGNALS: dict[str, tuple[str, ...]] = {
    "personal-data": ("main",),
    "toxicity": ("main",),
    "profanity": ("main",),
    "confidential": ("main",),
    "credentials": ("main",),
    # main: names the organisation with no disclaimer; indirect: "our chair", "the AGM";
    # profile: the pack wants the disclaimer on the profile and the user has not said it is there.
    "disclaimer": ("main", "indirect", "profile"),
    "opinion": ("main",),
    "political": ("main",),
    "commercial": ("main",),
    # Attachments: reminders about clauses the text cannot show (consent, children, copyright, logos).
    "media": ("attachment",),
}

CATEGORIES = tuple(CATEGORY_SIGNALS)
