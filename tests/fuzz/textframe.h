#pragma once
// What palaver-server does with one text message once its WebSocket layer has taken it off the
// wire (Session → RequestRouter::onFrame), minus the session and the database: decode and
// validate the request, encode the error answer or the close frame the server would send, and
// check that an accepted request survives its own encoding. Shared by both fuzz targets.
#include <QByteArray>

namespace palaver::fuzz {

/// Runs one text message through the server's decode path; aborts on a broken invariant.
void handleTextFrame(const QByteArray& utf8);

/// Aborts with a message when `condition` is false: libFuzzer records the input as a crash.
void require(bool condition, const char* what);

} // namespace palaver::fuzz
