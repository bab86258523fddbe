"""Announcements spoken by espeak-ng as PBX-ready WAV files."""

from urad.podnety.phone.speech import spoken_form
from urad.podnety.phone.speech import synthesize_wav
from urad.podnety.phone.speech import wav_parameters


def test_czech_text_spoken_as_8khz_mono():
    data = synthesize_wav("Úřad je dnes otevřen od 8:00 do 17:30.")
    channels, width, rate, frames = wav_parameters(data)
    assert (channels, width, rate) == (1, 2, 8000)
    assert frames > 2 * 8000


def test_empty_text_gives_silence():
    channels, width, rate, frames = wav_parameters(synthesize_wav("  "))
    assert (channels, width, rate) == (1, 2, 8000)
    assert frames == 4000


def test_clock_times_read_as_words():
    assert spoken_form("od 8:00 do 17:30") == "od 8 hodin do 17 hodin 30 minut"
