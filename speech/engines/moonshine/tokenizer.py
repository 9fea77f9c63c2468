"""Moonshine's tokenizer: SentencePiece pieces, read from the wheel's
tokenizer.bin."""

from __future__ import annotations

from pathlib import Path

import numpy as np

BOS, EOS = 1, 2
SPACE = "\u2581"  # SentencePiece's word-start mark
_NEVER = 1 << 30


class Tokenizer:
    """tokenizer.bin holds each piece as a length byte (two bytes, 7 bits at
    a time, past 127) and its UTF-8 bytes, in id order."""

    def __init__(self, path: Path) -> None:
        raw = path.read_bytes()
        pieces, i = [], 0
        while i < len(raw):
            length = raw[i]
            i += 1
            if length & 0x80:
                length = (length & 0x7F) | (raw[i] << 7)
                i += 1
            pieces.append(raw[i : i + length])
            i += length
        self.pieces = pieces
        self._ids = {piece: n for n, piece in enumerate(pieces) if n > EOS and piece}
        self.period = self._ids.get(b".")
        # Punctuation that follows a word directly, without a word-start mark.
        marks = [self._ids[mark] for mark in (b",", b".", b"-") if mark in self._ids]
        self.marks = np.array(marks, dtype=np.int64)

    def encode(self, text: str) -> list[int]:
        """SentencePiece BPE as the model was trained with: start from
        characters and keep merging the adjacent pair whose merged piece
        came earliest in the vocabulary. The model gives a non-canonical
        segmentation of the same word a far lower probability."""
        data = (SPACE + text.replace(" ", SPACE)).encode()
        parts = [ch.encode() for ch in data.decode()]
        while len(parts) > 1:
            ranked = [
                (self._ids.get(parts[i] + parts[i + 1], _NEVER), i) for i in range(len(parts) - 1)
            ]
            rank, i = min(ranked)
            if rank == _NEVER:
                break
            parts[i : i + 2] = [parts[i] + parts[i + 1]]
        ids = []
        for part in parts:
            if part in self._ids:
                ids.append(self._ids[part])
            else:  # byte fallback: <0xNN> pieces are ids 3..258
                ids.extend(3 + byte for byte in part)
        return ids

    def decode(self, ids: list[int]) -> str:
        data = b"".join(self.pieces[i] for i in ids if i < len(self.pieces))
        return data.decode("utf-8", "replace").replace(SPACE, " ").strip()
