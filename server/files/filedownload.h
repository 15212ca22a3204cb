#pragma once
// GET|HEAD /v1/files/ID and /v1/files/ID/thumbnail: the token, then one read that finds the
// file only if the caller uploaded it or is a member of a room with a message referencing it
// (anything else is the same 404), then the bytes from a worker thread. Thumbnails are made
// once and kept beside the content.
namespace palaver::server {
class FileService;
class HttpCall;

namespace FileDownload {
void start(FileService& service, HttpCall& call);
} // namespace FileDownload

} // namespace palaver::server
