"""Japanese for argparse's own words ("usage:", "options", its error messages)."""

from __future__ import annotations

import argparse

from wizard.i18n import get_lang

_JA = {
    "usage: ": "使い方: ",
    "positional arguments": "引数",
    "options": "オプション",
    "show this help message and exit": "このヘルプを表示して終了",
    "show program's version number and exit": "バージョンを表示して終了",
    "%(prog)s: error: %(message)s\n": "%(prog)s: エラー: %(message)s\n",
    "the following arguments are required: %s": "次の引数が必要です: %s",
    "unrecognized arguments: %s": "認識できない引数: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "無効な選択: %(value)r（選べるもの: %(choices)s）",
    "argument %(argument_name)s: %(message)s": "引数 %(argument_name)s: %(message)s",
    "expected one argument": "値を1つ指定してください",
    "expected at least one argument": "値を1つ以上指定してください",
    "invalid %(type)s value: %(value)r": "%(type)s として無効な値: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "あいまいなオプション: %(option)s は %(matches)s のどれにも当たります",
    "not allowed with argument %s": "引数 %s とは同時に使えません",
    "one of the arguments %s is required": "次の引数のどれかが必要です: %s",
}


def _translate(text: str) -> str:
    return _JA.get(text, text) if get_lang() == "ja" else text


def install() -> None:
    """Route argparse's gettext calls through rouei's language (argparse reads the module global `_`)."""
    argparse._ = _translate  # type: ignore[attr-defined]
