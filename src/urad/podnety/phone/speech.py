"""Speak announcement texts as WAV files that PBX voice-message slots accept.

Panasonic voice gateways and most PBX message slots take 8 kHz, mono,
16-bit linear PCM WAV. espeak-ng (Debian package ``espeak-ng``) speaks the
Czech text, sox (Debian package ``sox``) resamples its 22.05 kHz output.
"""

from functools import lru_cache

import io
import logging
import re
import shutil
import subprocess
import tempfile
import wave


logger = logging.getLogger(__name__)

SAMPLE_RATE = 8000
VOICE = "cs"
WORDS_PER_MINUTE = 150
TIMEOUT_SECONDS = 60

_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")


class SpeechError(RuntimeError):
    """Raised when the speech synthesiser or resampler is missing or fails."""


def spoken_form(text):
    """Return `text` with clock times written as they are spoken in Czech."""

    def say(match):
        hours, minutes = int(match.group(1)), int(match.group(2))
        if minutes == 0:
            return f"{hours} hodin"
        return f"{hours} hodin {minutes} minut"

    return _CLOCK.sub(say, text)


def _run(command, stdin=None):
    try:
        subprocess.run(
            command,
            input=stdin,
            check=True,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
    except FileNotFoundError as error:
        raise SpeechError(f"{command[0]} is not installed") from error
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip()
        raise SpeechError(f"{command[0]} failed: {message}") from error
    except subprocess.TimeoutExpired as error:
        raise SpeechError(f"{command[0]} timed out") from error


def silence_wav(seconds=0.5):
    """Return silence as 8 kHz mono 16-bit WAV bytes, for an empty text."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(b"\x00\x00" * int(SAMPLE_RATE * seconds))
    return buffer.getvalue()


@lru_cache(maxsize=32)
def synthesize_wav(text):
    """Return `text` spoken in Czech as 8 kHz mono 16-bit WAV bytes.

    Results are cached per text, so a changed text is spoken anew. An empty
    text gives half a second of silence.
    """
    if not text.strip():
        return silence_wav()
    for program in ("espeak-ng", "sox"):
        if shutil.which(program) is None:
            raise SpeechError(f"{program} is not installed")
    with tempfile.TemporaryDirectory(prefix="podnety-speech-") as folder:
        source = f"{folder}/espeak.wav"
        target = f"{folder}/pbx.wav"
        _run(
            [
                "espeak-ng",
                "-v",
                VOICE,
                "-s",
                str(WORDS_PER_MINUTE),
                "-w",
                source,
                "--stdin",
            ],
            stdin=spoken_form(text).encode("utf-8"),
        )
        _run(
            [
                "sox",
                source,
                "-r",
                str(SAMPLE_RATE),
                "-c",
                "1",
                "-b",
                "16",
                "-e",
                "signed-integer",
                target,
            ]
        )
        with open(target, "rb") as result:
            data = result.read()
    logger.info("Synthesised announcement of %d characters", len(text))
    return data


def wav_parameters(data):
    """Return (channels, sample width in bytes, frame rate, frames) of a WAV."""
    with wave.open(io.BytesIO(data)) as reader:
        return (
            reader.getnchannels(),
            reader.getsampwidth(),
            reader.getframerate(),
            reader.getnframes(),
        )
