"""Call records (SMDR) printed by the PBX: parser, reader and statistics."""

from urad.podnety.phone.smdr.store import call_statistics  # noqa: F401
