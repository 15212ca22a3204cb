// libFuzzer target: one text message as the server receives it from its WebSocket layer
// (already checked to be UTF-8 and within the frame limit), through request decoding and
// validation (shared/framecodec) and the answer the server would send. The same bytes also go
// through the client's decoder of server frames, which faces a server it may not trust.
#include "server/net/websocketframes.h"
#include "shared/framecodec.h"
#include "shared/limits.h"
#include "tests/fuzz/textframe.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > size_t(palaver::limits::maxFrameBytes))
        return -1; // the WebSocket layer closes with 1009 before decoding (see fuzz_wsframes)
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)palaver::decodeServerFrame(bytes);
    if (!palaver::server::ws::isValidUtf8(bytes.constData(), bytes.size()))
        return -1; // closed with 4400 by the WebSocket layer: never decoded
    palaver::fuzz::handleTextFrame(bytes);
    return 0;
}
