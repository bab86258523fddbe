"""Every message the add-on shows has a Czech translation."""

from i18ndude.catalog import MessageCatalog
from pathlib import Path
from xml.etree import ElementTree

import subprocess
import sys


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "urad" / "podnety"
CZECH = PACKAGE / "locales" / "cs" / "LC_MESSAGES" / "urad.podnety.po"
WORKFLOW = PACKAGE / "profiles" / "default" / "workflows" / "podnet_workflow"


def _czech():
    subprocess.run(["bash", str(ROOT / "scripts" / "i18n.sh")], check=True)
    return MessageCatalog(filename=str(CZECH))


def _extracted(tmp_path):
    pot = tmp_path / "urad.podnety.pot"
    i18ndude = Path(sys.executable).with_name("i18ndude")
    subprocess.run(
        [str(i18ndude), "rebuild-pot", "--pot", str(pot), "--create", "urad.podnety",
         str(PACKAGE)],
        check=True,
        capture_output=True,
    )
    return MessageCatalog(filename=str(pot))


def test_source_messages_translated(tmp_path):
    czech = _czech()
    missing = sorted(
        msgid
        for msgid in _extracted(tmp_path)
        if msgid and not (czech.get(msgid) and czech[msgid].msgstr)
    )
    assert missing == []


def test_workflow_titles_translated():
    czech = _czech()
    tree = ElementTree.parse(WORKFLOW / "definition.xml")
    titles = [
        element.get("title")
        for element in tree.getroot()
        if element.tag in ("state", "transition")
    ]
    missing = [title for title in titles if not (czech.get(title) and czech[title].msgstr)]
    assert missing == []
