"""Bad input gets a clear error naming the file (and line where there is one)."""
import pytest

from builder.model import BuildError
from builder.readers import read_document


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    with pytest.raises(BuildError, match=r"empty\.txt: the file is empty"):
        read_document(path)


def test_binary_file_names_the_line(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"line one\nline two\x00\x01\x02")
    with pytest.raises(BuildError) as caught:
        read_document(path)
    assert caught.value.line == 2 and "binary" in str(caught.value) and "image.txt:2" in str(caught.value)


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Agreed\nTarget: Caf\xe9 2019\n".encode("latin-1"))
    with pytest.raises(BuildError, match=r"latin1\.txt:2: invalid UTF-8"):
        read_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(BuildError, match="nothing.txt: cannot read file"):
        read_document(tmp_path / "nothing.txt")


def test_windows_line_endings_are_read(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"one\r\ntwo\r\n")
    document = read_document(path)
    assert document.lines[:2] == ["one", "two"] and len(document.sha256) == 64
