"""The checks, registered in one place. Each is a small unit with one job: it reports hits
for one category; the engine applies the organisation's pack to them."""

from __future__ import annotations

from collections.abc import Callable

from clearpost.checks.attachments import AttachmentCheck
from clearpost.checks.base import Check, CheckContext
from clearpost.checks.commercial import CommercialCheck
from clearpost.checks.confidential import ConfidentialCheck
from clearpost.checks.credentials import CredentialsCheck
from clearpost.checks.disclaimer import DisclaimerCheck
from clearpost.checks.opinion import OpinionCheck
from clearpost.checks.personal_data import PersonalDataCheck
from clearpost.checks.political import PoliticalCheck
from clearpost.checks.profanity import ProfanityCheck
from clearpost.checks.toxicity import ToxicityCheck

# category -> factory. Factories may load models; the engine calls each once (toxicity with
# its model options).
REGISTRY: dict[str, Callable[..., Check]] = {
    PersonalDataCheck.category: PersonalDataCheck,
    ToxicityCheck.category: ToxicityCheck,
    ProfanityCheck.category: ProfanityCheck,
    ConfidentialCheck.category: ConfidentialCheck,
    CredentialsCheck.category: CredentialsCheck,
    DisclaimerCheck.category: DisclaimerCheck,
    OpinionCheck.category: OpinionCheck,
    PoliticalCheck.category: PoliticalCheck,
    CommercialCheck.category: CommercialCheck,
    AttachmentCheck.category: AttachmentCheck,
}

__all__ = ["REGISTRY", "Check", "CheckContext"]
