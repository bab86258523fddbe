"""Write a Maildir of realistic citizens' messages with attachments."""

from .fakedata import fake_podnet
from email.message import EmailMessage
from email.utils import format_datetime
from email.utils import make_msgid
from pathlib import Path

import random


def _pdf_bytes(text):
    """Return a small one-page PDF that contains `text` (ASCII only)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return body + b"startxref\n%d\n%%%%EOF\n" % xref


def fake_message(rng, number):
    """Return the bytes of one message: Czech text, a PDF and sometimes a photo."""
    values = fake_podnet(rng)
    message = EmailMessage()
    first, last = values["citizen_name"].split(" ", 1)
    message["From"] = f"{values['citizen_name']} <{values['citizen_email']}>"
    message["To"] = "podatelna@urad.example"
    message["Subject"] = values["title"]
    message["Date"] = format_datetime(values["received"])
    message["Message-ID"] = make_msgid(f"bench{number}", "example.cz")
    message.set_content(
        f"Dobrý den,\n\n{values['text']}\n\nS pozdravem\n{first} {last}\n"
        f"{values['citizen_address']}\n{values['citizen_phone']}\n"
    )
    message.add_attachment(
        _pdf_bytes(f"Podnet {number}: {values['category']}"),
        maintype="application",
        subtype="pdf",
        filename=f"příloha-{number}.pdf",
    )
    if number % 3 == 0:
        photo = bytes(rng.randrange(256) for _ in range(40_000))
        message.add_attachment(
            photo, maintype="image", subtype="jpeg", filename=f"foto_{number}.jpg"
        )
    return message.as_bytes()


def write_maildir(path, count, rng_seed=7):
    """Create `path` as a Maildir with `count` new messages; return the path."""
    rng = random.Random(rng_seed)
    root = Path(path)
    for name in ("new", "cur", "tmp"):
        (root / name).mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (root / "new" / f"{1_700_000_000 + number}.bench{number}.local").write_bytes(
            fake_message(rng, number)
        )
    return root
