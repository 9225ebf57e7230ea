"""Stream the `file` part of a multipart body without ever holding it whole.

Starlette's UploadFile parses the entire body (spooling to a temp file) before the
handler runs, so a size limit could only be checked afterwards. Here the parser is fed
chunk by chunk and yields the file's bytes as they arrive, so the limit is enforced
while streaming and nothing past it is written.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from parley.errors import Invalid, TooLarge

FILE_FIELD = "file"
# Room for the boundaries and part headers around a file of the largest size allowed.
MULTIPART_OVERHEAD = 64 * 1024
# The request body of every route that takes one file (OpenAPI: openapi_extra).
FILE_BODY: dict[str, object] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [FILE_FIELD],
                    "properties": {FILE_FIELD: {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


class _FilePart:
    def __init__(self) -> None:
        self.filename: str | None = None
        self.found = False
        self.in_file = False
        self.done = False
        self.pending: list[bytes] = []
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda data, start, end: self._add("_header_field", data[start:end]),
            "on_header_value": lambda data, start, end: self._add("_header_value", data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _add(self, name: str, data: bytes) -> None:
        setattr(self, name, getattr(self, name) + data)

    def _part_begin(self) -> None:
        self._headers = {}

    def _header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = self._header_value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        is_file = options.get(b"name") == FILE_FIELD.encode() and not self.found
        self.in_file = is_file
        if is_file:
            self.found = True
            raw_name = options.get(b"filename")
            self.filename = raw_name.decode("utf-8", "replace") if raw_name is not None else None

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self.in_file:
            self.pending.append(bytes(data[start:end]))

    def _part_end(self) -> None:
        if self.in_file:
            self.done = True
        self.in_file = False


class StreamedFile:
    """The filename is known once the part's headers are parsed (see `open`)."""

    def __init__(self, request: Request) -> None:
        content_type, options = parse_options_header(request.headers.get("content-type", ""))
        boundary = options.get(b"boundary")
        if content_type != b"multipart/form-data" or not boundary:
            raise Invalid("Send the file as multipart/form-data", field=FILE_FIELD)
        self._request = request
        self._part = _FilePart()
        self._parser = MultipartParser(boundary, self._part.callbacks())  # type: ignore[arg-type]
        self._stream = request.stream().__aiter__()

    @property
    def filename(self) -> str | None:
        return self._part.filename

    async def open(self) -> None:
        """Read until the file part's headers (or its first bytes) have arrived."""
        while not self._part.found:
            if not await self._feed():
                raise Invalid("No file in the form (field 'file')", field=FILE_FIELD)

    async def chunks(self) -> AsyncIterator[bytes]:
        while True:
            while self._part.pending:
                yield self._part.pending.pop(0)
            if self._part.done:
                return
            if not await self._feed():
                # The body ended inside the file: without its closing boundary there is
                # no telling whether the file is whole, so it is not stored.
                raise Invalid("The upload was cut off before the end of the file", field=FILE_FIELD)

    async def _feed(self) -> bool:
        try:
            chunk = await self._stream.__anext__()
        except StopAsyncIteration:
            return False
        try:
            self._parser.write(chunk)
        except MultipartParseError as exc:
            raise Invalid("Malformed multipart body", field=FILE_FIELD) from exc
        return True


async def open_file(request: Request, *, max_bytes: int) -> StreamedFile:
    """The request's file, its headers read. A declared length past the limit is refused
    before reading a byte: the client learns at once, not after 25 MB."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes + MULTIPART_OVERHEAD:
        raise TooLarge(f"File is larger than {max_bytes // (1024 * 1024)} MB", field=FILE_FIELD)
    streamed = StreamedFile(request)
    await streamed.open()
    return streamed
