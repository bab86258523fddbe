"""Intake: every channel turns raw input into a Submission and files it here."""

from urad.podnety.intake.pipeline import file_submission  # noqa: F401
from urad.podnety.intake.submission import Attachment  # noqa: F401
from urad.podnety.intake.submission import Submission  # noqa: F401
