#include "tests/fuzz/textframe.h"

#include "server/net/websocketframes.h"
#include "shared/framecodec.h"

#include <cstdio>
#include <cstdlib>

namespace palaver::fuzz {

void require(bool condition, const char* what)
{
    if (condition)
        return;
    fprintf(stderr, "fuzz invariant broken: %s\n", what);
    abort();
}

namespace {
// The server answers a rejected frame with `error` (re = the id when it could be read) and, for
// a fatal one, closes with 4400 and the error's message as the reason.
void answerError(const FrameError& error)
{
    const QByteArray answer =
        encodeAnswer(ErrorAnswer {error.error.code, error.error.message, std::nullopt}, error.id);
    require(decodeServerFrame(answer).index() == 0, "the server's error answer decodes");
    if (error.fatal) {
        const QByteArray close = server::ws::encodeClose(4400, error.error.message);
        require(close.size() <= 2 + 125, "a close frame fits a control frame");
        require(server::ws::isValidUtf8(close.constData() + 4, close.size() - 4),
            "the close reason is cut on a character boundary");
    }
}

// An accepted request, encoded as a client would send it, must decode to the same request:
// otherwise client and server disagree on the rules they are meant to share by construction.
void checkRoundTrip(const ClientFrame& frame)
{
    const QByteArray encoded = std::visit(
        [&](const auto& request) { return encodeRequest(request, frame.id); }, frame.request);
    const auto again = decodeClientFrame(encoded);
    if (const auto* error = std::get_if<FrameError>(&again)) {
        fprintf(stderr, "re-encoded request rejected: %s\n%s\n", qPrintable(error->error.message),
            encoded.constData());
        abort();
    }
    const ClientFrame& second = std::get<ClientFrame>(again);
    require(second.request.index() == frame.request.index(), "same request type after encoding");
    require(second.id == frame.id, "same id after encoding");
    const QByteArray reencoded = std::visit(
        [&](const auto& request) { return encodeRequest(request, second.id); }, second.request);
    if (reencoded != encoded) {
        fprintf(stderr, "encoding is not stable:\n%s\n%s\n", encoded.constData(),
            reencoded.constData());
        abort();
    }
}
} // namespace

void handleTextFrame(const QByteArray& utf8)
{
    const auto decoded = decodeClientFrame(utf8);
    if (const auto* error = std::get_if<FrameError>(&decoded))
        answerError(*error);
    else
        checkRoundTrip(std::get<ClientFrame>(decoded));
}

} // namespace palaver::fuzz
