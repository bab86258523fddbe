"""Every message the add-on shows has a Czech translation."""

from gettext import GNUTranslations
from i18ndude.catalog import MessageCatalog
from io import BytesIO
from pathlib import Path
from pythongettext.msgfmt import Msgfmt
from xml.etree import ElementTree

import ast
import subprocess
import sys


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "urad" / "podnety"
CZECH = PACKAGE / "locales" / "cs" / "LC_MESSAGES" / "urad.podnety.po"
WORKFLOW = PACKAGE / "profiles" / "default" / "workflows" / "podnet_workflow"


def _czech():
    """Return {msgid: msgstr} of the merged Czech catalog, compiled as Zope does."""
    subprocess.run(["bash", str(ROOT / "scripts" / "i18n.sh")], check=True)
    compiled = Msgfmt(str(CZECH)).get()
    return GNUTranslations(BytesIO(compiled))._catalog


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


def _python_msgids():
    """Return the literal msgids of every ``_("...")`` call in the package.

    i18ndude's Python scanner misreads implicitly joined strings that contain
    escaped quotes, so Python files are read with the ast module instead.
    """
    msgids = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                msgids.add(node.args[0].value)
    return msgids


def _template_msgids(tmp_path):
    """Return the msgids i18ndude finds in templates, ZCML and profiles."""
    catalog = _extracted(tmp_path)
    return {
        msgid
        for msgid in catalog
        if msgid
        and any(
            not reference.split(":")[0].endswith(".py")
            for reference in catalog[msgid].references
        )
    }


def test_source_messages_translated(tmp_path):
    czech = _czech()
    msgids = _python_msgids() | _template_msgids(tmp_path)
    missing = sorted(msgid for msgid in msgids if not czech.get(_unescape(msgid)))
    assert missing == []


def _unescape(msgid):
    """Turn a msgid as i18ndude stores it (``\\n``, ``\\"``) into the text."""
    return msgid.replace('\\"', '"').replace("\\n", "\n")


def test_workflow_titles_translated():
    czech = _czech()
    tree = ElementTree.parse(WORKFLOW / "definition.xml")
    titles = [
        element.get("title")
        for element in tree.getroot()
        if element.tag in ("state", "transition")
    ]
    missing = [title for title in titles if not czech.get(title)]
    assert missing == []
