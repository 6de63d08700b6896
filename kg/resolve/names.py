"""Surface-name normalisation and entity ids, shared by every resolver.

>>> normalise(" 省数字经济产业促进联盟(筹) ")
'省数字经济产业促进联盟（筹）'
>>> normalise("邮政ＥＭＳ广场营业部")
'邮政EMS广场营业部'
>>> entity_id("Organization", "中共太原市委员会")
'org/中共太原市委员会'
>>> entity_id("Document", "《太原市推动公立医院高质量发展实施方案》")
'doc/太原市推动公立医院高质量发展实施方案'
"""

from __future__ import annotations

import unicodedata

from kg.schema import SCHEMA

#: Characters that carry no meaning inside a name (spaces, zero-width marks).
_DROP = dict.fromkeys(map(ord, " \t\r\n\u3000\u200b\u200c\u200d\ufeff"))
#: After NFKC (which turns full-width letters and digits into ASCII), brackets go back to the
#: full-width forms that official Chinese names use: 太原钢铁（集团）有限公司.
_BRACKETS = str.maketrans({"(": "（", ")": "）"})
#: The dots that separate the parts of a transliterated or minority name (买买提•艾力, 弗里德里克・泰勒)
#: are one dot, the middle dot of the standard (GB/T 15834): one person whichever dot was typed.
_NAME_DOTS = str.maketrans(dict.fromkeys("•・‧∙⋅", "·"))
#: Title marks around a document name.
_TITLE_MARKS = "《》〈〉"


def normalise(name: str) -> str:
    """One spelling per name: NFKC, no spaces (冯 镭 of a padded layout is 冯镭), full-width round
    brackets, one name dot (买买提•艾力 -> 买买提·艾力).

    >>> normalise("弗里德里克・泰勒"), normalise("冯 镭")
    ('弗里德里克·泰勒', '冯镭')
    """
    return unicodedata.normalize("NFKC", name).translate(_DROP).translate(_BRACKETS).translate(_NAME_DOTS)


def strip_title_marks(name: str) -> str:
    """``《方案》`` -> ``方案``: document ids and labels go without the outer title marks.

    >>> strip_title_marks("《关于〈意见〉的通知》")
    '关于〈意见〉的通知'
    """
    if name[:1] in _TITLE_MARKS and name[-1:] in _TITLE_MARKS:
        return name[1:-1]
    return name


def entity_id(type_name: str, key: str) -> str:
    """``<slug>/<key>`` (docs/graph-model.md). A ``/`` inside a key would read as a path
    separator, so it becomes the full-width ``／``; a path key is joined by the caller."""
    key = key.replace("/", "／")
    if type_name == "Document":
        key = strip_title_marks(key)
    return f"{SCHEMA.type(type_name).slug}/{key}"


def path_id(path: tuple[str, ...] | list[str]) -> str:
    """Id of an administrative place: ``place/山西省/太原市/迎泽区``."""
    return SCHEMA.type("Place").slug + "/" + "/".join(part.replace("/", "／") for part in path)
