"""What a file really is, by its first bytes, whatever its name says.

Used to give a useful message when someone passes a legacy .xls, a CSV renamed to .xlsx, a
password-protected workbook or something else entirely.
"""

from __future__ import annotations

from enum import StrEnum

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


class FileKind(StrEnum):
    ZIP = "zip"  # XLSX, bundles
    OLE = "ole"  # legacy .xls, or an encrypted (password-protected) OOXML file
    ENCRYPTED = "encrypted"
    JSON = "json"
    TEXT = "text"  # CSV and other plain text
    UTF16 = "utf16"  # text saved as UTF-16 (Excel's "Unicode text", Notepad's "Unicode")
    EMPTY = "empty"
    BINARY = "binary"


def sniff_bytes(head: bytes) -> FileKind:
    if not head:
        return FileKind.EMPTY
    if head.startswith(ZIP_MAGIC):
        return FileKind.ZIP
    if head.startswith(OLE_MAGIC):
        # Office stores password-protected workbooks as an OLE file with this stream.
        if "EncryptedPackage".encode("utf-16-le") in head:
            return FileKind.ENCRYPTED
        return FileKind.OLE
    utf32 = head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"))
    if not utf32 and (head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head[:64])):
        return FileKind.UTF16
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text[:1] in (b"{", b"["):
        return FileKind.JSON
    if b"\x00" in head[:4096]:
        return FileKind.BINARY
    try:
        head[:4096].decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head[:4096]) - 4:
            try:
                head[:4096].decode("gb18030")
            except UnicodeDecodeError:
                return FileKind.BINARY
    return FileKind.TEXT


def _utf16_without_bom(head: bytes) -> bool:
    """Latin text in UTF-16: every other byte is zero (at least 8 characters' worth)."""
    if len(head) < 16:
        return False
    pairs = len(head) // 2
    for zero_at in (0, 1):
        zeros = sum(1 for i in range(zero_at, 2 * pairs, 2) if head[i] == 0)
        others = sum(1 for i in range(1 - zero_at, 2 * pairs, 2) if head[i] == 0)
        if zeros >= 0.6 * pairs and others == 0:
            return True
    return False


DESCRIPTIONS: dict[FileKind, str] = {
    FileKind.OLE: "这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入",
    FileKind.ENCRYPTED: "这个工作簿设置了打开密码。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入",
    FileKind.TEXT: "这是纯文本（如 CSV）文件，不是 Excel 工作簿。请在 Excel 或 WPS 中打开后另存为 .xlsx",
    FileKind.EMPTY: "文件是空的",
    FileKind.UTF16: "这是 UTF-16 编码的文本文件（如 Excel 的“Unicode 文本”），本程序读取 UTF-8 或 "
    "GB18030 编码；请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”（JSON 请以 UTF-8 保存）",
    FileKind.BINARY: "无法识别的文件（既不是 .xlsx 工作簿也不是 JSON），可能已损坏或不是检查表模板",
    FileKind.JSON: "这是 JSON 文件，不是 Excel 工作簿；请使用 .json 扩展名",
    FileKind.ZIP: "这是压缩包或 Excel 工作簿，不是 JSON 文件；如为 Excel 请使用 .xlsx 扩展名",
}
