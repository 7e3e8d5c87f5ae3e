"""Line wrapping that respects Japanese line-breaking rules (kinsoku) and terminal cell widths.

Rich and Textual break CJK text at any cell, so a line can start with 「。」 or end with 「（」.
`wrap()` moves such characters across the break, and keeps Latin words whole where it can.
"""

from __future__ import annotations

from rich.cells import cell_len

# 行頭禁則: may not start a line. 行末禁則: may not end a line.
NO_START = set("、。，．,.)）]］｝〕〉》」』】〙〗〟’”｠»・：；:;!！?？ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻‐゠–〜")
NO_END = set("(（[［｛〔〈《「『【〘〖〝‘“｟«")


def _tokens(text: str) -> list[str]:
    """Runs of Latin letters/digits stay together; every other character is its own token."""
    tokens: list[str] = []
    for ch in text:
        if tokens and ch.isascii() and not ch.isspace() and tokens[-1][-1:].isascii() and not tokens[-1][-1].isspace():
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """`text` folded into lines of at most `width` cells (one over is allowed to keep 。 on its line)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in _tokens(paragraph):
            size = cell_len(token)
            if used + size > width and line.strip():
                if token[0] in NO_START and used + size <= width + 2:
                    line, used = line + token, used + size  # hang the punctuation
                    continue
                carry = ""
                while line and line[-1] in NO_END:
                    carry, line = line[-1] + carry, line[:-1]
                lines.append(line.rstrip())
                token = carry + token.lstrip() if not token.isspace() else carry
                line, used = token, cell_len(token)
            else:
                line, used = line + token, used + size
        lines.append(line.rstrip())
    return lines
