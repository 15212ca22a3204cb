#pragma once
// Turns text frames into typed values and back. The server decodes client frames and encodes
// server frames; a client does the opposite. Both sides share every type and every rule.
#include "shared/errorcode.h"
#include "shared/frames/authframes.h"
#include "shared/frames/eventframes.h"
#include "shared/frames/realtimeframes.h"
#include "shared/frames/roomframes.h"
#include "shared/frames/searchframes.h"
#include "shared/jsonkeys.h"
#include "shared/jsonwriter.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <variant>

namespace palaver {

/// Every request a client may send.
using ClientRequest = std::variant<RegisterRequest, LoginRequest, ResumeRequest, LogoutRequest,
    PingRequest, CreateRoomRequest, OpenDirectRequest, JoinRequest, LeaveRequest, InviteRequest,
    KickRequest, RoomsRequest, DirectoryRequest, MembersRequest, UsersRequest, SendRequest,
    EditRequest, DeleteRequest, ReactRequest, HistoryRequest, SyncRequest, ReadRequest,
    TypingRequest, PresenceRequest, SearchRequest>;

/// A frame of a type this peer does not know; kept so a newer peer's pushes are not fatal.
struct UnknownFrame
{
    QString type;
    QJsonObject object;
};

/// Every frame a server may send: answers (with `re`) and pushes (without).
using ServerMessage = std::variant<WelcomeAnswer, PongAnswer, OkAnswer, ErrorAnswer, RoomAnswer,
    RoomsAnswer, MembersAnswer, UsersAnswer, AckAnswer, HistoryAnswer, SyncedAnswer,
    SearchResultsAnswer, EventPush, RoomAddedPush, RoomRemovedPush, ReceiptPush, BadgePush,
    TypingPush, PresencePush, UnknownFrame>;

/// A decoded client frame with its request id (undefined when the client sent none).
struct ClientFrame
{
    QJsonValue id;
    ClientRequest request;
};

/// A decoded server frame with the `re` of the request it answers (undefined for pushes).
struct ServerFrame
{
    QJsonValue re;
    ServerMessage message;
};

/// Why a frame was rejected. `fatal` frames (not JSON, not an object) end the connection with
/// 4400; others are answered with `error` and the connection stays open.
struct FrameError
{
    ProtocolError error;
    QJsonValue id; ///< the request id if it could be read, to answer with `re`
    bool fatal = false;
    std::optional<FrameType> type; ///< the frame's type when it was a known one
};

/// Decodes one text frame from a client.
std::variant<ClientFrame, FrameError> decodeClientFrame(const QByteArray& utf8);
/// Decodes one text frame from a server.
std::variant<ServerFrame, FrameError> decodeServerFrame(const QByteArray& utf8);

/// The type a request would have on the wire.
FrameType frameTypeOf(const ClientRequest& request);

/// Encodes a frame as compact JSON, with `correlationKey` (`id` or `re`) when `correlation`
/// is set.
template <class Frame>
QByteArray encodeFrame(const Frame& frame, QLatin1String correlationKey = keys::re,
    const QJsonValue& correlation = QJsonValue(QJsonValue::Undefined))
{
    const bool correlated = !correlation.isUndefined() && !correlation.isNull();
    if constexpr (requires(const Frame& f, JsonWriter& w) { f.writeFields(w); }) {
        // The frames sent by the thousand write their JSON directly (see JsonWriter).
        JsonWriter w;
        w.beginObject();
        w.member(keys::type, toString(Frame::kType));
        if (correlated)
            w.member(correlationKey, correlation);
        frame.writeFields(w);
        w.endObject();
        return w.take();
    } else {
        QJsonObject object = frame.toJson();
        object.insert(keys::type, toString(Frame::kType));
        if (correlated)
            object.insert(correlationKey, correlation);
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }
}

/// A server's answer to a request with id `re`.
template <class Frame> QByteArray encodeAnswer(const Frame& frame, const QJsonValue& re)
{
    return encodeFrame(frame, keys::re, re);
}

/// A server push (no `re`).
template <class Frame> QByteArray encodePush(const Frame& frame)
{
    return encodeFrame(frame);
}

/// A client's request with id `id`.
template <class Frame> QByteArray encodeRequest(const Frame& frame, const QJsonValue& id)
{
    return encodeFrame(frame, keys::id, id);
}

} // namespace palaver
