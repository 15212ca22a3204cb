#pragma once
// POST /v1/files: checks what the head says (token, length, name) before any body byte is
// read, then reads the body, hashes and stages it on a worker, and commits the row (quota
// checked again inside the transaction) before the bytes are renamed into place.
namespace palaver::server {
class FileService;
class HttpCall;

namespace FileUpload {
void start(FileService& service, HttpCall& call);
} // namespace FileUpload

} // namespace palaver::server
